import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED, REPO_ROOT } from '../support/paths.js';

/**
 * ARCHITECTURE.md names files to start from and tests that guard invariants:
 * every one must exist. A name with a folder is a path from the repository
 * root (`../shared/...` only where ../shared is present; `out/` and
 * `language/generated/` are build outputs); a bare file name must be some
 * tracked file's name.
 */
const DOC = readFileSync(join(REPO_ROOT, 'ARCHITECTURE.md'), 'utf8');
const TRACKED = execFileSync('git', ['ls-files'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
const TRACKED_NAMES = new Set(TRACKED.map(path => basename(path)));
const FILE = /^[\w.@-]+\.(ts|mjs|cjs|js|json|md|langium|yml)$/;

function mentionedPaths(): string[] {
    return [...new Set([...DOC.matchAll(/`([^`\s]+)`/g)].map(m => m[1]))]
        .filter(text => FILE.test(basename(text)) || (text.includes('/') && /^[\w.][\w./-]*\/$/.test(text) && !text.startsWith('%')));
}

describe('ARCHITECTURE.md', () => {
    it('names only files and folders that exist', () => {
        const paths = mentionedPaths();
        expect(paths.length).toBeGreaterThan(40);
        const missing = paths.filter(text => {
            if (!text.includes('/')) return !TRACKED_NAMES.has(text) && !text.startsWith('*');
            if (text.startsWith('out/') || text.startsWith('language/generated/')) return false;
            if (text.startsWith('../shared/') && !HAS_SHARED) return false;
            return !existsSync(join(REPO_ROOT, text.replace(/\*.*$/, '')));
        });
        expect(missing).toEqual([]);
    });
});
