import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** A problem with the input that the user must fix: reported in one line on stderr, exit status 2. */
export class InputError extends Error {}

export interface SourceFile {
    /** The path as the user gave it, or joined from the folder they gave. */
    readonly path: string;
    readonly text: string;
}

/** Files above this size are refused rather than parsed for minutes (50,000 states per machine take about 14 MB). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Expands folders to the `*.rpcstate` files below them, in a stable order. */
export async function resolveInputPaths(paths: readonly string[]): Promise<{ files: string[]; errors: InputError[] }> {
    const files: string[] = [];
    const errors: InputError[] = [];
    for (const path of paths) {
        try {
            const info = await stat(path);
            if (info.isDirectory()) {
                const found = await findRpcstateFiles(path);
                if (found.length === 0) errors.push(new InputError(`${path}: no .rpcstate files in this folder`));
                files.push(...found);
            } else {
                files.push(path);
            }
        } catch (error) {
            errors.push(new InputError(describeFsError(path, error)));
        }
    }
    return { files, errors };
}

async function findRpcstateFiles(folder: string): Promise<string[]> {
    const result: string[] = [];
    const entries = await readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) {
            if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
            result.push(...await findRpcstateFiles(path));
        } else if (entry.isFile() && entry.name.endsWith('.rpcstate')) {
            result.push(path);
        }
    }
    return result;
}

/** Reads a source file, refusing what is not a text file we can check. */
export async function readSourceFile(path: string): Promise<SourceFile> {
    let bytes: Buffer;
    try {
        const info = await stat(path);
        if (!info.isFile()) throw new InputError(`${path}: not a regular file`);
        if (info.size > MAX_FILE_BYTES) {
            throw new InputError(`${path}: file is ${(info.size / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_FILE_BYTES / 1024 / 1024} MB rpcstate checks`);
        }
        bytes = await readFile(path);
    } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(describeFsError(path, error));
    }
    if (bytes.includes(0)) throw new InputError(`${path}: binary file (it contains NUL bytes), not an .rpcstate text`);
    let text: string;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
        throw new InputError(`${path}: not valid UTF-8 text`);
    }
    return { path, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function describeFsError(path: string, error: unknown): string {
    const code = (error as NodeJS.ErrnoException)?.code;
    switch (code) {
        case 'ENOENT': return `${path}: no such file or folder`;
        case 'EACCES':
        case 'EPERM': return `${path}: permission denied`;
        case 'EISDIR': return `${path}: is a folder`;
        case 'ENOTDIR': return `${path}: a part of this path is not a folder`;
        case 'ELOOP': return `${path}: too many symbolic links`;
        default: return `${path}: cannot read (${(error as Error)?.message ?? String(error)})`;
    }
}
