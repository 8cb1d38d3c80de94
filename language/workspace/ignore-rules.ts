import { access, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { CONFIG_FILE, parseConfig } from '../config/rpcstate-config.js';

/** The ignore file of rpcstate: gitignore syntax, patterns relative to the folder it is in. */
export const IGNORE_FILE = '.rpcstateignore';

interface IgnoreSource {
    /** The folder the patterns are relative to. */
    readonly base: string;
    readonly matcher: Ignore;
    /** Where the patterns come from, for messages: the file's path. */
    readonly origin: string;
}

/**
 * The paths the file search leaves out: `.rpcstateignore` files (gitignore
 * syntax, via the `ignore` library: the matcher ESLint and Prettier use) and
 * the `ignore` lists of `rpcstate.json` files, in the searched folder, below
 * it, and above it up to the repository root. A pattern applies
 * below the folder of the file that holds it, as in git.
 */
export class IgnoreRules {
    private readonly sources: IgnoreSource[] = [];
    private readonly visited = new Set<string>();
    private readonly readConfigFiles: boolean;

    /** `readConfigFiles: false` when one configuration was named for the run (its patterns come through `addPatterns`). */
    constructor(options: { readConfigFiles?: boolean } = {}) {
        this.readConfigFiles = options.readConfigFiles ?? true;
    }

    /** Loads the ignore files of `folder` and of every folder above it up to the repository root (the one holding `.git`). */
    async loadAncestors(folder: string): Promise<void> {
        const chain: string[] = [];
        for (let current = resolve(folder); ; current = dirname(current)) {
            chain.push(current);
            if (await exists(join(current, '.git')) || dirname(current) === current) break;
        }
        for (const current of chain.reverse()) await this.enter(current);
    }

    /** Loads `folder`'s own ignore file and rpcstate.json `ignore` list, once; the search calls it for each folder it enters. */
    async enter(folder: string): Promise<void> {
        const absolute = resolve(folder);
        if (this.visited.has(absolute)) return;
        this.visited.add(absolute);
        const ignoreFile = join(absolute, IGNORE_FILE);
        const ignoreText = await readFile(ignoreFile, 'utf8').catch(() => undefined);
        if (ignoreText !== undefined) this.addPatterns(absolute, ignoreText.split(/\r?\n/), ignoreFile);
        if (!this.readConfigFiles) return;
        const configFile = join(absolute, CONFIG_FILE);
        const configText = await readFile(configFile, 'utf8').catch(() => undefined);
        if (configText === undefined) return;
        try {
            this.addPatterns(absolute, parseConfig(configText, configFile).ignore, configFile);
        } catch {
            // A broken configuration is reported when a file below it is checked (ConfigResolver); the search goes on without it.
        }
    }

    /** Patterns relative to `base` from another origin (a configuration file's `ignore` list). */
    addPatterns(base: string, patterns: readonly string[], origin: string): void {
        if (patterns.length === 0) return;
        this.sources.push({ base: resolve(base), matcher: ignore().add([...patterns]), origin });
    }

    /** The origin of the first rule that ignores `path` (a folder when `isFolder`), or undefined. */
    ignoredBy(path: string, isFolder: boolean): string | undefined {
        const absolute = resolve(path);
        for (const source of this.sources) {
            const below = relative(source.base, absolute);
            if (below === '' || below === '..' || below.startsWith(`..${sep}`) || isAbsolute(below)) continue;
            const posix = below.split(sep).join('/');
            if (source.matcher.ignores(isFolder ? `${posix}/` : posix)) return source.origin;
        }
        return undefined;
    }
}

async function exists(path: string): Promise<boolean> {
    return access(path).then(() => true, () => false);
}
