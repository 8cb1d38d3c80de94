import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { COMPOSITION_BUDGET } from '../../language/analysis/composition/analyze-composition.js';
import { checkSources } from '../../language/pipeline/check-files.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { compareExpectations, groupByLine, readExpectations } from '../support/expect-comments.js';
import { REPO_ROOT } from '../support/paths.js';

/** docs/language-reference.md: its examples are checked as written, and the budget it states is the code's. */
const DOC = readFileSync(join(REPO_ROOT, 'docs', 'language-reference.md'), 'utf8');
const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

describe('docs/language-reference.md', () => {
    it('its rpcstate examples yield exactly their expect comments', async () => {
        const blocks = [...DOC.matchAll(/```rpcstate\n([\s\S]*?)```/g)].map(m => m[1]);
        expect(blocks.length).toBeGreaterThan(0);
        const report = await checkSources(createRpcstateServices(EmptyFileSystem), blocks.map((text, i) => ({ path: `example-${i}.rpcstate`, text })));
        for (const [i, file] of report.files.entries()) {
            expect(compareExpectations(readExpectations(blocks[i]), groupByLine(file.diagnostics)), file.path).toEqual([]);
        }
        expect(report.files.flatMap(f => f.diagnostics.map(d => d.code))).toContain('protocol-deadlock');
    });

    it('states the composition budget the code uses, as does the README', () => {
        const budget = COMPOSITION_BUDGET.toLocaleString('en-US');
        expect(DOC).toContain(`**${budget} joint points**`);
        expect(README).toContain(`at most ${budget} joint points`);
    });
});
