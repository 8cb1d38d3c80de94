import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation } from 'sarif';

/** The base every relative URI of the log is resolved against; GitHub code scanning maps it to the checkout. */
export const SRCROOT = '%SRCROOT%';

/**
 * The default base for SARIF URIs: the nearest folder upward from `from`
 * holding `.git` (a folder, or a file in a worktree or submodule), else `from`
 * itself. Code scanning shows a result only when its URI is relative to the
 * repository root, wherever in the repository the check ran.
 */
export function repositoryRoot(from: string): string {
    const start = resolve(from);
    for (let folder = start; ; folder = dirname(folder)) {
        if (existsSync(join(folder, '.git'))) return folder;
        if (dirname(folder) === folder) return start;
    }
}

/** Artifact locations relative to one base folder (`%SRCROOT%`). */
export class SarifLocations {
    readonly base: string;

    constructor(base: string) {
        this.base = resolve(base);
    }

    /** `run.originalUriBaseIds`: where `%SRCROOT%` is on this machine (a folder URI ends with a slash). */
    originalUriBaseIds(): Record<string, ArtifactLocation> {
        const href = pathToFileURL(this.base).href;
        return { [SRCROOT]: { uri: href.endsWith('/') ? href : `${href}/` } };
    }

    /**
     * A file below the base gets a relative, percent-encoded URI with
     * `uriBaseId`; one outside it (SARIF has no `..` above a base that
     * viewers follow) keeps an absolute file URI.
     */
    artifactLocation(path: string): ArtifactLocation {
        const absolute = resolve(path);
        const fromBase = relative(this.base, absolute);
        if (fromBase === '' || fromBase === '..' || fromBase.startsWith(`..${sep}`) || isAbsolute(fromBase)) {
            return { uri: pathToFileURL(absolute).href };
        }
        return { uri: fromBase.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
    }
}
