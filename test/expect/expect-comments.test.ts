import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../language/pipeline/check-report.js';
import { HAS_SHARED, OWN_CASES, OWN_EXAMPLES, REPO_ROOT, SHARED_EXAMPLES } from '../support/paths.js';
import { compareExpectations, groupByLine, readExpectations } from '../support/expect-comments.js';
import { rpcstateFilesUnder } from '../support/rpcstate-files.js';
import { runCliInProcess } from '../support/run-cli.js';

/**
 * The expect-comment runner: every file of ../shared/examples, of examples/
 * and of test/cases goes through `rpcstate check --format json`, the CLI's own
 * code path, and each line must carry exactly the codes its comment lists.
 */
const suites: Array<{ name: string; folder: string; available: boolean }> = [
    { name: '../shared/examples', folder: SHARED_EXAMPLES, available: HAS_SHARED },
    { name: 'examples', folder: OWN_EXAMPLES, available: true },
    { name: 'test/cases', folder: OWN_CASES, available: true },
];

for (const suite of suites) {
    describe.skipIf(!suite.available)(`expect comments in ${suite.name}`, () => {
        const files = suite.available ? rpcstateFilesUnder(suite.folder) : [];
        let report: CheckReport;

        beforeAll(async () => {
            const result = await runCliInProcess(['check', '--format', 'json', ...files]);
            expect(result.stderr).toBe('');
            report = JSON.parse(result.stdout) as CheckReport;
            expect(report.files.map(f => f.path)).toEqual(files);
        });

        it('has files to check', () => {
            expect(files.length).toBeGreaterThan(0);
        });

        for (const file of files) {
            it(relative(REPO_ROOT, file), () => {
                const expected = readExpectations(readFileSync(file, 'utf8'));
                const actual = groupByLine(report.files.find(f => f.path === file)!.diagnostics);
                expect(compareExpectations(expected, actual)).toEqual([]);
            });
        }
    });
}

describe('the expect-comment reader', () => {
    it('reads several codes on a line, as a multiset', () => {
        const expected = readExpectations('a\nserver X { // expect: missing-end, duplicate-machine\nb // expect: syntax, syntax');
        expect([...expected]).toEqual([[2, ['duplicate-machine', 'missing-end']], [3, ['syntax', 'syntax']]]);
    });

    it('reports a missing, an extra and a miscounted code', () => {
        const expected = new Map([[1, ['a']], [2, ['b', 'b']]]);
        const actual = new Map([[2, ['b']], [3, ['c']]]);
        expect(compareExpectations(expected, actual)).toEqual([
            'line 1: expected [a], got []',
            'line 2: expected [b, b], got [b]',
            'line 3: expected [], got [c]',
        ]);
    });
});
