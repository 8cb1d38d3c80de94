import { extname, resolve } from 'node:path';
import { URI } from 'langium';

/**
 * The URI a file named on the command line is parsed under. Langium's service
 * registry picks the language by the URI's extension, so a spec saved as
 * `.txt`, `.md` or with no extension is given `.rpcstate` after its own name:
 * a file given by name is checked as a spec whatever it is called (folders
 * are searched for `*.rpcstate` only). The URI never reaches the file system.
 */
export function specDocumentUri(path: string): URI {
    const absolute = resolve(path);
    return URI.file(extname(absolute) === '.rpcstate' ? absolute : `${absolute}.rpcstate`);
}
