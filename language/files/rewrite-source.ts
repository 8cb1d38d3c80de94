import { realpath, stat } from 'node:fs/promises';
import { writeFileAtomically } from './atomic-write.js';
import type { SourceFile } from './input-files.js';

/**
 * Writes a new text over a spec file that was read (`rpcstate format`,
 * `rpcstate check --fix`): atomically, and changing nothing but the text.
 * Through a symbolic link the file it points to is written and the link
 * stays (the search follows links to files); the file keeps its
 * permissions (a private file stays private) and its byte-order mark.
 */
export async function rewriteSource(source: SourceFile, text: string): Promise<void> {
    const target = await realpath(source.path);
    const { mode } = await stat(target);
    await writeFileAtomically(target, source.bom ? `\uFEFF${text}` : text, 'replace', mode & 0o7777);
}
