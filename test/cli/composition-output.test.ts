import { createRequire } from 'node:module';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED, OWN_CASES, SHARED_EXAMPLES } from '../support/paths.js';
import { spawnCli } from '../support/spawn-cli.js';

/**
 * The client × server interleaving in each output format of `rpcstate
 * check`, on ../shared/examples/composition/cancel-wait.rpcstate: text
 * numbers the steps with machine names, JSON gives them as `related` in
 * order, SARIF as one code flow with a thread flow per machine.
 */
const require = createRequire(import.meta.url);
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const CANCEL_WAIT = join(SHARED_EXAMPLES, 'composition', 'cancel-wait.rpcstate');
const OWN_CASE = join(OWN_CASES, 'composition', 'cancel-only-on-timeout.rpcstate');

interface JsonDiagnostic { code: string; line: number; related: Array<{ message: string; line: number; column: number }> }

describe.skipIf(!HAS_SHARED)('rpcstate check on cancel-wait.rpcstate', () => {
    it('text: each deadlock with its numbered interleaving naming both machines', () => {
        const result = spawnCli(['check', '--no-color', CANCEL_WAIT]);
        expect(result.status).toBe(1);
        const lines = result.stdout.split('\n');
        const header = lines.findIndex(line => line.includes(':34:5: error[protocol-deadlock]: Server Worker can wait forever in Hold for RpcClientCancel'));
        expect(header).toBeGreaterThan(0);
        expect(lines[header + 1]).toBe('  interleaving (client and server):');
        expect(lines[header + 2]).toMatch(/^ {4}1\. client Caller, C: call Compute, then on success -> WComp \(.*cancel-wait\.rpcstate:9:5\)$/);
        expect(lines[header + 3]).toMatch(/^ {4}2\. server Worker, D: dispatch Compute, then on slow -> Hold \(.*:30:5\)$/);
        expect(lines[header + 4]).toMatch(/^ {4}3\. server Worker waits in Hold for RpcClientCancel; client Caller never cancels on this path \(it waits in WComp for RpcCallComplete\) \(.*:34:5\)$/);
        expect(result.stdout).toContain('2 errors, 0 warnings');
    });

    it('json: the related list is the interleaving in order, in the contract\'s shape', () => {
        const result = spawnCli(['check', '--format', 'json', CANCEL_WAIT]);
        expect(result.status).toBe(1);
        const diagnostics = JSON.parse(result.stdout).files[0].diagnostics as JsonDiagnostic[];
        expect(diagnostics.map(d => [d.code, d.line])).toEqual([['protocol-deadlock', 14], ['protocol-deadlock', 34]]);
        for (const d of diagnostics) {
            expect(d.related.length).toBeGreaterThanOrEqual(3);
            expect(d.related.map(step => Number.parseInt(step.message, 10))).toEqual(d.related.map((_, i) => i + 1));
            for (const step of d.related) expect(Object.keys(step)).toEqual(['message', 'line', 'column']);
            const named = d.related.map(step => step.message).join('\n');
            expect(named).toContain('client Caller');
            expect(named).toContain('server Worker');
            expect(d.related.slice(0, 2).map(step => step.line)).toEqual([9, 30]);
            expect(d.related[2].line).toBe(d.line);
        }
    });

    it('sarif: one code flow, one thread flow per machine, steps numbered in one interleaving; valid against the schema', () => {
        const result = spawnCli(['check', '--format', 'sarif', CANCEL_WAIT]);
        const log = JSON.parse(result.stdout);
        const Ajv = AjvDraft04.default;
        const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
        ajvFormats.default(ajv);
        const validate = ajv.compile(schema);
        expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
        const run = log.runs[0];
        expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['protocol-deadlock', 'composition-skipped']));
        expect(run.results).toHaveLength(2);
        for (const r of run.results) {
            expect(r.ruleId).toBe('protocol-deadlock');
            expect(r.codeFlows).toHaveLength(1);
            const flows = r.codeFlows[0].threadFlows as Array<{ id: string; message: { text: string }; locations: Array<{ executionOrder: number; location: { message: { text: string } } }> }>;
            expect(flows.map(f => f.id).sort()).toEqual(['Caller', 'Worker']);
            const order = flows.flatMap(f => f.locations.map(l => l.executionOrder)).sort((a, b) => a - b);
            expect(order).toEqual([1, 2, 3]);
            for (const flow of flows) {
                for (const l of flow.locations) expect(l.location.message.text).toContain(flow.id);
            }
        }
    });

    it('--composition-budget: past it, composition-skipped (info) on the protocol name instead of a verdict', () => {
        const result = spawnCli(['check', '--format', 'json', '--composition-budget', '2', CANCEL_WAIT]);
        expect(result.status).toBe(0);
        const diagnostics = JSON.parse(result.stdout).files[0].diagnostics as Array<JsonDiagnostic & { severity: string; column: number; message: string }>;
        expect(diagnostics.map(d => [d.code, d.severity, d.line, d.column])).toEqual([['composition-skipped', 'info', 4, 10]]);
        expect(diagnostics[0].message).toContain('budget of 2 joint points');
    });
});

describe('rpcstate check --composition-budget', () => {
    it('refuses a budget that is not a positive whole number (exit 2)', () => {
        for (const bad of ['0', '-3', '1.5', 'many']) {
            const result = spawnCli(['check', '--composition-budget', bad, OWN_CASE]);
            expect(result.status, bad).toBe(2);
            expect(result.stderr).toContain('positive whole number');
        }
    });

    it('takes a budget large enough, and gives the verdict', () => {
        const result = spawnCli(['check', '--format', 'json', '--composition-budget', '1000', OWN_CASE]);
        expect(result.status).toBe(1);
        expect(JSON.parse(result.stdout).files[0].diagnostics.map((d: JsonDiagnostic) => d.code)).toEqual(['protocol-deadlock', 'protocol-deadlock']);
    });
});
