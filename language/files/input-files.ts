import { readFile, stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { IgnoreRules } from '../workspace/ignore-rules.js';
import type { SkippedPath } from '../workspace/spec-files.js';
import { findSpecFiles } from '../workspace/spec-files.js';

/** A problem with the input that the user must fix: reported in one line on stderr, exit status 2. */
export class InputError extends Error {}

export interface SourceFile {
    /** The path as the user gave it, or joined from the folder they gave. */
    readonly path: string;
    readonly text: string;
    /** The file began with a UTF-8 byte-order mark, which `text` leaves out (rewrite-source.ts puts it back). */
    readonly bom?: true;
}

/** Files above this size are refused rather than parsed for minutes (50,000 states per machine take about 14 MB). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** The argument that means "read standard input". */
export const STDIN_ARGUMENT = '-';

export interface InputSelection {
    /** Files to read, each once, in the order given (folders expanded in sorted order). */
    readonly files: string[];
    readonly errors: InputError[];
    /** Folders and links the search left out, with the reason (printed as notes). */
    readonly skipped: SkippedPath[];
    /** `-` was among the arguments. */
    readonly stdin: boolean;
}

/**
 * Expands the command line's paths: a folder to the `*.rpcstate` files below
 * it (the search Check Workspace uses, language/workspace/spec-files.ts), a
 * glob (`specs/**\/*.rpcstate`, when no file has that name) to the spec files
 * it matches, `-` to standard input. `.rpcstateignore` files apply to all of
 * them, also to a file named on its own (a pre-commit hook names every
 * changed file).
 */
export async function resolveInputPaths(paths: readonly string[], rules = new IgnoreRules()): Promise<InputSelection> {
    const files: string[] = [];
    const seen = new Set<string>();
    const errors: InputError[] = [];
    const skipped: SkippedPath[] = [];
    const add = (file: string) => {
        const key = resolve(file);
        if (!seen.has(key)) {
            seen.add(key);
            files.push(file);
        }
    };
    let stdin = false;
    for (const path of paths) {
        if (path === STDIN_ARGUMENT) {
            stdin = true;
            continue;
        }
        try {
            const info = await stat(path).catch(error => {
                if ((error as NodeJS.ErrnoException)?.code === 'ENOENT' && picomatch.scan(path).isGlob) return undefined;
                throw error;
            });
            if (!info) {
                const matched = await expandGlob(path, rules, skipped);
                if (matched.length === 0) errors.push(new InputError(`${path}: no .rpcstate file matches this pattern`));
                matched.forEach(add);
            } else if (info.isDirectory()) {
                await rules.loadAncestors(path);
                const found = await findSpecFiles(path, rules);
                skipped.push(...found.skipped);
                if (found.files.length === 0) errors.push(new InputError(`${path}: no .rpcstate files in this folder${found.skipped.length ? ' (some were skipped: see the notes above)' : ''}`));
                found.files.forEach(add);
            } else {
                await rules.loadAncestors(dirname(path));
                const ignoredBy = rules.ignoredBy(path, false);
                if (ignoredBy) skipped.push({ path, reason: `ignored by ${ignoredBy}` });
                else add(path);
            }
        } catch (error) {
            errors.push(new InputError(describeFsError(path, error)));
        }
    }
    return { files, errors, skipped, stdin };
}

/** A glob's spec files: the folder before its first wildcard is searched as a folder is, then filtered. */
async function expandGlob(pattern: string, rules: IgnoreRules, skipped: SkippedPath[]): Promise<string[]> {
    const { base, glob } = picomatch.scan(pattern);
    const folder = base === '' ? '.' : base;
    const info = await stat(folder).catch(() => undefined);
    if (!info?.isDirectory()) return [];
    await rules.loadAncestors(folder);
    const found = await findSpecFiles(folder, rules);
    skipped.push(...found.skipped);
    const matches = picomatch(glob);
    return found.files.filter(file => matches(relative(folder, file).split(sep).join('/')));
}

/** Reads a source file, refusing what is not a text file we can check. */
export async function readSourceFile(path: string): Promise<SourceFile> {
    let bytes: Buffer;
    try {
        const info = await stat(path);
        if (!info.isFile()) throw new InputError(`${path}: not a regular file`);
        if (info.size > MAX_FILE_BYTES) throw tooLarge(path, info.size);
        bytes = await readFile(path);
    } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(describeFsError(path, error));
    }
    return decodeSource(path, bytes);
}

/** Standard input as a source named `path` (`--stdin-filename`), with the checks a file gets. */
export async function readSourceStream(path: string, stream: AsyncIterable<Buffer | string>): Promise<SourceFile> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += bytes.length;
        if (size > MAX_FILE_BYTES) throw tooLarge(path, size);
        chunks.push(bytes);
    }
    return decodeSource(path, Buffer.concat(chunks));
}

function tooLarge(path: string, size: number): InputError {
    return new InputError(`${path}: ${(size / 1024 / 1024).toFixed(1)} MB or more, above the ${MAX_FILE_BYTES / 1024 / 1024} MB rpcstate checks`);
}

function decodeSource(path: string, bytes: Buffer): SourceFile {
    if (bytes.includes(0)) throw new InputError(`${path}: binary file (it contains NUL bytes), not an .rpcstate text`);
    let text: string;
    try {
        // ignoreBOM: the decoder hands the mark over instead of dropping it, so that a rewrite can keep it.
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
        throw new InputError(`${path}: not valid UTF-8 text`);
    }
    return text.charCodeAt(0) === 0xfeff ? { path, text: text.slice(1), bom: true } : { path, text };
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
