import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see the old content or the new, never half of
 * it: the text goes to a temporary file beside the target, then a rename
 * (atomic within one file system) puts it in place.
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
        await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
        await rename(temporary, path);
    } catch (error) {
        await rm(temporary, { force: true }).catch(() => undefined);
        throw error;
    }
}
