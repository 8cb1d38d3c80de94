// rpcstate.json and suppression comments in `rpcstate check`: each removes
// exactly the diagnostic it names (test/lsp/configuration.test.ts checks the
// same in the language server).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../language/pipeline/check-report.js';
import { THREE_CODES, THREE_FINDINGS, withSuppressionAbove } from '../support/config-fixture.js';
import { spawnCli } from '../support/spawn-cli.js';

let dir: string;
const at = (...parts: string[]) => join(dir, ...parts);

/** A folder holding the fixture and (when given) an rpcstate.json. */
function project(name: string, config?: unknown, text = THREE_FINDINGS): string {
    const folder = at(name);
    mkdirSync(folder, { recursive: true });
    if (config !== undefined) writeFileSync(join(folder, 'rpcstate.json'), typeof config === 'string' ? config : JSON.stringify(config));
    writeFileSync(join(folder, 'spec.rpcstate'), text);
    return folder;
}

function checkJson(args: string[]): { status: number | null; report: CheckReport; stderr: string } {
    const result = spawnCli(['check', '--format', 'json', ...args]);
    return { status: result.status, report: result.stdout ? JSON.parse(result.stdout) : undefined, stderr: result.stderr };
}

const codes = (report: CheckReport) => report.files.flatMap(f => f.diagnostics.map(d => `${d.line}:${d.code}:${d.severity}`)).sort();

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'rpcstate-config-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rpcstate.json in the CLI', () => {
    it('without a configuration the fixture has its three findings', () => {
        const { report } = checkJson([project('plain')]);
        expect(codes(report)).toEqual(['15:missing-completion:error', '4:unhandled-outcome:warning', '9:unreachable-state:warning']);
        expect(report.files[0].diagnostics.map(d => d.code).sort()).toEqual(THREE_CODES);
    });

    it('a code turned "off" removes exactly that diagnostic', () => {
        const { report, status } = checkJson([project('off', { codes: { 'unreachable-state': 'off' } })]);
        expect(codes(report)).toEqual(['15:missing-completion:error', '4:unhandled-outcome:warning']);
        expect(status).toBe(1);
    });

    it('a severity changes the report and the exit status', () => {
        const lowered = checkJson([project('lowered', { codes: { 'missing-completion': 'warning' } })]);
        expect(codes(lowered.report)).toEqual(['15:missing-completion:warning', '4:unhandled-outcome:warning', '9:unreachable-state:warning']);
        expect(lowered.status).toBe(0);
        const raised = checkJson([project('raised', { codes: { 'missing-completion': 'off', 'unhandled-outcome': 'error' } })]);
        expect(codes(raised.report)).toEqual(['4:unhandled-outcome:error', '9:unreachable-state:warning']);
        expect(raised.status).toBe(1);
    });

    it('the nearest rpcstate.json above the file applies', () => {
        const outer = project('nested', { codes: { 'unreachable-state': 'off' } });
        const inner = join(outer, 'inner');
        mkdirSync(inner);
        writeFileSync(join(inner, 'rpcstate.json'), JSON.stringify({ codes: { 'unhandled-outcome': 'off' } }));
        writeFileSync(join(inner, 'spec.rpcstate'), THREE_FINDINGS);
        const { report } = checkJson([outer]);
        const byFile = Object.fromEntries(report.files.map(f => [f.path.slice(outer.length + 1), f.diagnostics.map(d => d.code).sort()]));
        expect(byFile).toEqual({ 'spec.rpcstate': ['missing-completion', 'unhandled-outcome'], 'inner/spec.rpcstate': ['missing-completion', 'unreachable-state'] });
    });

    it('--config names one configuration for every file; its ignore list leaves paths out', () => {
        const folder = project('explicit');
        mkdirSync(join(folder, 'generated'));
        writeFileSync(join(folder, 'generated', 'old.rpcstate'), THREE_FINDINGS);
        const config = at('elsewhere.json');
        writeFileSync(config, JSON.stringify({ codes: { 'unhandled-outcome': 'off' }, ignore: ['explicit/generated/'] }));
        const { report } = checkJson(['--config', config, folder]);
        expect(report.files.map(f => f.path)).toEqual([join(folder, 'spec.rpcstate')]);
        expect(report.files[0].diagnostics.map(d => d.code).sort()).toEqual(['missing-completion', 'unreachable-state']);
    });

    it('a folder\'s rpcstate.json ignore list leaves paths out of the search', () => {
        const folder = project('ignoring', { ignore: ['drafts/'] });
        mkdirSync(join(folder, 'drafts'));
        writeFileSync(join(folder, 'drafts', 'idea.rpcstate'), THREE_FINDINGS);
        expect(checkJson([folder]).report.files.map(f => f.path)).toEqual([join(folder, 'spec.rpcstate')]);
    });

    it('a broken configuration: one line naming the file and the problem, exit 2', () => {
        const cases: Array<[unknown, RegExp]> = [
            ['{ "codes": ', /not valid JSON/],
            [{ codes: { 'no-such-code': 'off' } }, /"no-such-code" is not an rpcstate diagnostic code/],
            [{ codes: { 'unreachable-state': 'loud' } }, /"unreachable-state" must be one of "error", "warning", "info", "off"/],
            [{ codes: { syntax: 'off' } }, /"syntax" cannot be changed/],
            [{ rules: {} }, /unknown key "rules"/],
            [{ ignore: 'generated/' }, /"ignore" must be a list/],
        ];
        cases.forEach(([config, message], i) => {
            const folder = project(`broken-${i}`, config);
            const result = spawnCli(['check', folder]);
            expect(result.status, String(message)).toBe(2);
            const lines = result.stderr.trim().split('\n');
            expect(lines, String(message)).toHaveLength(1);
            expect(lines[0]).toContain(join(folder, 'rpcstate.json'));
            expect(lines[0]).toMatch(message);
        });
        const missing = spawnCli(['check', '--config', at('nowhere.json'), project('plain')]);
        expect(missing.status).toBe(2);
        expect(missing.stdout).toBe('');
        expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^rpcstate: --config .*nowhere\.json: cannot read the configuration \(ENOENT\)$/)]);
    });
});

describe('suppression comments in the CLI', () => {
    it('// rpcstate-ignore-next-line CODE -- reason removes exactly that diagnostic on the next line', () => {
        const text = withSuppressionAbove(9, '// rpcstate-ignore-next-line unreachable-state -- kept for the retry path');
        const { report } = checkJson([join(project('suppressed', undefined, text), 'spec.rpcstate')]);
        // Line numbers moved down by one below the inserted comment.
        expect(codes(report)).toEqual(['16:missing-completion:error', '4:unhandled-outcome:warning']);
    });

    it('names several codes, and does not hide a code it does not name', () => {
        const text = withSuppressionAbove(4, '// rpcstate-ignore-next-line unreachable-state, unhandled-outcome');
        const { report } = checkJson([join(project('several', undefined, text), 'spec.rpcstate')]);
        expect(codes(report)).toEqual(['10:unreachable-state:warning', '16:missing-completion:error', '4:unused-suppression:warning'].sort());
        const unused = report.files[0].diagnostics.find(d => d.code === 'unused-suppression')!;
        expect(unused.message).toMatch(/Nothing on line 5 is reported as unreachable-state/);
        expect(unused.column).toBe(text.split('\n')[3].indexOf('unreachable-state') + 1);
    });

    it('a suppression of an unknown code or of syntax is reported as unused; a code turned off is not', () => {
        const text = withSuppressionAbove(9, '// rpcstate-ignore-next-line unreachable-stat');
        expect(checkJson([join(project('typo', undefined, text), 'spec.rpcstate')]).report.files[0].diagnostics.filter(d => d.code === 'unused-suppression').map(d => d.message))
            .toEqual([expect.stringMatching(/unreachable-stat is not an rpcstate diagnostic code/)]);
        const off = withSuppressionAbove(4, '// rpcstate-ignore-next-line missing-end');
        const { report } = checkJson([join(project('off-code', { codes: { 'missing-end': 'off' } }, off), 'spec.rpcstate')]);
        expect(report.files[0].diagnostics.map(d => d.code)).not.toContain('unused-suppression');
    });
});
