import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';
import { spawnCli } from '../support/spawn-cli.js';

/**
 * Every transcript in README.md and docs/ that starts with `$ npx rpcstate …`
 * is run from the repository root, and what the page shows must be exactly
 * what the command prints: samples that drift from the tool are caught here.
 * A transcript over ../shared is skipped, saying so, where ../shared is absent.
 */
interface Transcript { page: string; command: string; args: string[]; shown: string }

function transcripts(page: string): Transcript[] {
    const text = readFileSync(join(REPO_ROOT, page), 'utf8');
    const found: Transcript[] = [];
    for (const match of text.matchAll(/```[a-z]*\n\$ npx rpcstate ([^\n]+)\n([\s\S]*?)```/g)) {
        found.push({ page, command: `rpcstate ${match[1]}`, args: match[1].split(/\s+/), shown: match[2] });
    }
    return found;
}

const pages = ['README.md', ...readdirSync(join(REPO_ROOT, 'docs')).filter(f => f.endsWith('.md')).map(f => `docs/${f}`)];
const all = pages.flatMap(transcripts);

describe('transcripts of `npx rpcstate` in README.md and docs/', () => {
    it('are found (the README shows at least two)', () => {
        expect(all.filter(t => t.page === 'README.md').length).toBeGreaterThanOrEqual(2);
    });

    it.each(all.map(t => [`${t.page}: ${t.command}`, t] as const))('%s prints what the page shows', (_name, t) => {
        const inputs = t.args.filter(a => !a.startsWith('-'));
        const missing = inputs.filter(a => a.includes('/') && !existsSync(resolve(REPO_ROOT, a)));
        if (missing.some(a => a.startsWith('../shared/'))) {
            console.warn(`[rpcstate tests] ${missing.join(', ')} absent: transcript "${t.command}" in ${t.page} not run.`);
            return;
        }
        expect(missing).toEqual([]);
        const result = spawnCli(t.args, { cwd: REPO_ROOT });
        expect(result.stdout).toBe(t.shown);
    });
});
