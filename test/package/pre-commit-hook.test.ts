// .pre-commit-hooks.yaml names the package's bin and the files it checks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

const hooks = load(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string; files: string }>;
const packageBins = JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'cli', 'package.json'), 'utf8')).bin as Record<string, string>;

describe('.pre-commit-hooks.yaml', () => {
    it('runs the package\'s rpcstate bin on .rpcstate files only', () => {
        expect(hooks.map(h => h.id)).toEqual(['rpcstate-check']);
        const [hook] = hooks;
        expect(hook.language).toBe('node');
        expect(Object.keys(packageBins)).toContain(hook.entry.split(' ')[0]);
        expect(hook.entry).toBe('rpcstate check');
        const files = new RegExp(hook.files);
        expect(['specs/a.rpcstate', 'b.rpcstate'].every(f => files.test(f))).toBe(true);
        expect(['a.rpcstate.md', 'README.md', 'x.ts'].some(f => files.test(f))).toBe(false);
    });
});
