import { readFile, realpath, stat } from 'node:fs/promises';
import { writeFileAtomically } from './atomic-write.js';
import type { SourceFile } from './input-files.js';
import { InputError } from './input-files.js';

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Writes a new text over a spec file that was read (`rpcstate format`,
 * `rpcstate check --fix`): atomically, and changing nothing but the text.
 * Through a symbolic link the file it points to is written and the link
 * stays (the search follows links to files); the file keeps its
 * permissions (a private file stays private) and its byte-order mark. A
 * file that changed since it was read (saved from an editor meanwhile) is
 * not overwritten: an InputError says so.
 */
export async function rewriteSource(source: SourceFile, text: string): Promise<void> {
    const target = await realpath(source.path);
    const { mode } = await stat(target);
    const mark = source.bom ? BYTE_ORDER_MARK : '';
    if (await readFile(target, 'utf8') !== mark + source.text) throw new InputError(`${source.path}: changed since rpcstate read it; not written`);
    await writeFileAtomically(target, mark + text, 'replace', mode & 0o7777);
}
