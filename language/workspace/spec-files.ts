import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IgnoreRules } from './ignore-rules.js';

/** A path the search did not take, and why: the CLI prints these, Check Workspace logs them. */
export interface SkippedPath {
    readonly path: string;
    readonly reason: string;
}

export interface SpecFileSearch {
    /** `*.rpcstate` files, joined from the folder as given, in a stable (sorted) order. */
    readonly files: string[];
    readonly skipped: SkippedPath[];
}

export const SPEC_EXTENSION = '.rpcstate';

/**
 * The one search for spec files, used by `rpcstate check FOLDER` and by the
 * editor's Check Workspace: every `*.rpcstate` file below `folder`, except
 * in `node_modules` and dot-folders (`.git`, `.vscode`, ...) and what `rules`
 * ignore. Symbolic links to files are followed (the link's path is
 * reported), once per real file; links to folders are not followed, so the
 * search stays inside the folder given and cannot loop. Every link and
 * folder left out is listed in `skipped` with its reason; ignored paths are
 * not (the user asked for that).
 */
export async function findSpecFiles(folder: string, rules?: IgnoreRules): Promise<SpecFileSearch> {
    const search = new Search(rules);
    await search.walk(folder);
    return { files: await search.withoutDuplicates(), skipped: search.skipped };
}

class Search {
    readonly skipped: SkippedPath[] = [];
    private readonly found: Array<{ path: string; linked: boolean }> = [];

    constructor(private readonly rules: IgnoreRules | undefined) {}

    async walk(folder: string): Promise<void> {
        await this.rules?.enter(folder);
        const entries = await readdir(folder, { withFileTypes: true });
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) await this.visit(folder, entry);
    }

    private async visit(folder: string, entry: Dirent): Promise<void> {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) {
            if (entry.name === 'node_modules') this.skip(path, 'node_modules folder, not searched');
            else if (entry.name.startsWith('.')) this.skip(path, 'dot-folder, not searched');
            else if (!this.rules?.ignoredBy(path, true)) await this.walk(path);
        } else if (entry.isFile()) {
            if (isSpecName(entry.name) && !this.rules?.ignoredBy(path, false)) this.found.push({ path, linked: false });
        } else if (entry.isSymbolicLink()) {
            await this.visitLink(path, entry.name);
        }
    }

    private async visitLink(path: string, name: string): Promise<void> {
        let target;
        try {
            target = await stat(path);
        } catch (error) {
            // A link whose target cannot be known only matters if its name says it is a spec.
            if (isSpecName(name)) this.skip(path, linkError(error));
            return;
        }
        if (target.isDirectory()) this.skip(path, 'symbolic link to a folder, not followed (the search stays inside the folder given)');
        else if (isSpecName(name) && target.isFile() && !this.rules?.ignoredBy(path, false)) this.found.push({ path, linked: true });
        else if (isSpecName(name) && !target.isFile()) this.skip(path, 'symbolic link to something that is not a file');
    }

    private skip(path: string, reason: string): void {
        this.skipped.push({ path, reason });
    }

    /** A linked file whose real file is already in the list is checked once, under its first name (a plain file before a link). */
    async withoutDuplicates(): Promise<string[]> {
        if (!this.found.some(file => file.linked)) return this.found.map(file => file.path);
        const firstByReal = new Map<string, string>();
        const real = await Promise.all(this.found.map(file => realpath(file.path).catch(() => file.path)));
        const order = this.found.map((file, i) => i).sort((a, b) => Number(this.found[a].linked) - Number(this.found[b].linked) || a - b);
        const kept = new Set<number>();
        for (const i of order) {
            const first = firstByReal.get(real[i]);
            if (first === undefined) {
                firstByReal.set(real[i], this.found[i].path);
                kept.add(i);
            } else {
                this.skip(this.found[i].path, `symbolic link to ${first}, already checked`);
            }
        }
        return this.found.filter((_, i) => kept.has(i)).map(file => file.path);
    }
}

function isSpecName(name: string): boolean {
    return name.endsWith(SPEC_EXTENSION);
}

function linkError(error: unknown): string {
    switch ((error as NodeJS.ErrnoException)?.code) {
        case 'ENOENT': return 'broken symbolic link (its target does not exist)';
        case 'ELOOP': return 'symbolic link loop (the links point at each other)';
        case 'EACCES':
        case 'EPERM': return 'symbolic link whose target cannot be read (permission denied)';
        default: return `symbolic link that cannot be followed (${(error as Error)?.message ?? String(error)})`;
    }
}
