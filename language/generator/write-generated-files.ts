import type { Stats } from 'node:fs';
import { lstat, mkdir, readFile, realpath } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import { exists, writeFileAtomically } from '../files/atomic-write.js';
import type { WritePolicy } from './generate-machine-files.js';

/**
 * The only code that writes generated files. Invariants: it writes only
 * inside the output folder (a name with a folder part, `..`, or an entry that
 * is a symbolic link is refused); every write is atomic (a temporary file in
 * the same folder, then a rename, so a reader never sees half a file); it
 * never deletes a file it did not just create; a `create` file that exists is
 * kept whatever it holds. Everything is checked before anything is written,
 * so a refusal leaves the folder as it was.
 */
export interface FileToWrite {
    readonly name: string;
    readonly content: string;
    readonly policy: WritePolicy;
}

/** written: created or replaced; unchanged: already held these bytes; kept: a `create` file that exists. */
export type WriteAction = 'written' | 'unchanged' | 'kept';

export interface WriteResult {
    readonly name: string;
    readonly path: string;
    readonly action: WriteAction;
}

/** A write rpcstate refuses; nothing was written. */
export class UnsafeWriteError extends Error {}

export async function writeGeneratedFiles(outDir: string, files: readonly FileToWrite[], options: { dryRun?: boolean } = {}): Promise<WriteResult[]> {
    const names = new Set<string>();
    for (const file of files) {
        checkPlainName(file.name);
        if (names.has(file.name)) throw new UnsafeWriteError(`${file.name}: generated twice in one run`);
        names.add(file.name);
    }
    const root = await outputRoot(outDir, options.dryRun === true);
    const plans: Array<{ file: FileToWrite; path: string; action: WriteAction }> = [];
    for (const file of files) {
        if (root === undefined) {
            plans.push({ file, path: join(outDir, file.name), action: 'written' });
            continue;
        }
        const path = join(root, file.name);
        // Belt and braces: the joined path must still be a direct child of the root.
        if (relative(root, path) !== file.name) throw new UnsafeWriteError(`${file.name}: would be written outside ${outDir}`);
        plans.push({ file, path, action: await planWrite(path, file, outDir) });
    }
    if (!options.dryRun) {
        for (const plan of plans) {
            if (plan.action !== 'written') continue;
            const created = await writeFileAtomically(plan.path, plan.file.content, plan.file.policy === 'create' ? 'create' : 'replace');
            if (!created) plan.action = 'kept';
        }
    }
    return plans.map(plan => ({ name: plan.file.name, path: join(outDir, plan.file.name), action: plan.action }));
}

function checkPlainName(name: string): void {
    if (name.length === 0 || name === '.' || name === '..' || isAbsolute(name) || name.includes('/') || name.includes('\\') || name.includes(sep)
        || basename(name) !== name || name.includes('\0')) {
        throw new UnsafeWriteError(`${JSON.stringify(name)}: not a plain file name; rpcstate writes only directly inside the output folder`);
    }
}

/** The output folder's real path, created when missing; undefined in a dry run that would create it. */
async function outputRoot(outDir: string, dryRun: boolean): Promise<string | undefined> {
    if (!(await exists(outDir))) {
        if (dryRun) return undefined;
        await mkdir(outDir, { recursive: true });
    }
    const root = await realpath(outDir);
    if (!(await lstat(root)).isDirectory()) throw new UnsafeWriteError(`${outDir}: not a folder`);
    return root;
}

async function planWrite(path: string, file: FileToWrite, outDir: string): Promise<WriteAction> {
    let info: Stats;
    try {
        info = await lstat(path);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return 'written';
        throw error;
    }
    if (file.policy === 'create') return 'kept';
    if (info.isSymbolicLink()) {
        throw new UnsafeWriteError(`${join(outDir, file.name)} is a symbolic link; rpcstate writes only regular files inside ${outDir}, never through a link`);
    }
    if (!info.isFile()) throw new UnsafeWriteError(`${join(outDir, file.name)} is not a regular file; rpcstate will not replace it`);
    const existing = await readFile(path, 'utf8');
    return existing === file.content ? 'unchanged' : 'written';
}
