import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

// The extension's README (its Marketplace page) lists every command the
// manifest contributes, by the title the palette shows, and no other.
describe("the extension README's command table", () => {
    it('lists exactly the contributed commands', () => {
        const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
        const contributed = (manifest.contributes.commands as Array<{ category: string; title: string }>)
            .map(c => `${c.category}: ${c.title}`).sort();
        const readme = readFileSync(join(REPO_ROOT, 'client', 'README.md'), 'utf8');
        const table = readme.slice(readme.indexOf('## Commands'), readme.indexOf('\n## ', readme.indexOf('## Commands') + 1));
        const listed = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map(m => m[1]).sort();
        expect(contributed.length).toBeGreaterThanOrEqual(5);
        expect(listed).toEqual(contributed);
    });
});
