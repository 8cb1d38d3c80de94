import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deadlockEntries, stepEntries } from '../../client/interleaving-steps.js';
import { compositionOfText } from '../diagram/diagram-fixtures.js';
import { ladderProtocol } from '../support/ladder-protocol.js';
import { HAS_SHARED, SHARED_EXAMPLES } from '../support/paths.js';

/**
 * The logic of "rpcstate: Step Through a Deadlock" without VS Code: which
 * entries the stepper lists and what each selects in the editor (the
 * transition taken, then where the other machine is).
 */
const line = (r: { start: { line: number; character: number } }) => r.start.line + 1;

describe.skipIf(!HAS_SHARED)('stepping through cancel-wait.rpcstate', () => {
    const text = HAS_SHARED ? readFileSync(join(SHARED_EXAMPLES, 'composition', 'cancel-wait.rpcstate'), 'utf8') : '';
    const report = HAS_SHARED ? compositionOfText(text)! : undefined;

    it('lists the deadlocks to choose from', () => {
        expect(deadlockEntries(report!)).toEqual([
            { label: 'client Caller waits forever in WComp', description: '3 steps', index: 0 },
            { label: 'server Worker waits forever in Hold', description: '3 steps', index: 1 },
        ]);
    });

    it('each step selects its transition and the other machine\'s state; the last selects both waits', () => {
        const entries = stepEntries(report!.deadlocks[1]);
        expect(entries.map(e => e.label)).toEqual(['1. client Caller', '2. server Worker', '3. server Worker waits forever']);
        expect(entries[0].description).toBe('C: call Compute, then on success -> WComp   (server Worker in D)');
        expect(entries[1].description).toBe('D: dispatch Compute, then on slow -> Hold   (client Caller in WComp)');
        // Lines of cancel-wait.rpcstate: `on success -> WComp` 9, server state D 27, `on slow -> Hold` 30, WComp 13, its await 14, Hold's await 34.
        expect(entries.map(e => e.selections.map(line))).toEqual([[9, 27], [30, 13], [34, 14]]);
        expect(entries[2].description).toMatch(/^server Worker waits in Hold for RpcClientCancel; client Caller never cancels/);
    });
});

describe('a long interleaving', () => {
    it('starts with one entry for the steps not listed, selecting where both machines are when the listed ones start', () => {
        const report = compositionOfText(ladderProtocol(50, 'waits-for-cancel'))!;
        const trace = report.deadlocks[1];
        expect(trace.skipped).toBeGreaterThan(0);
        const entries = stepEntries(trace);
        expect(entries).toHaveLength(trace.steps.length + 2);
        expect(entries[0].label).toBe(`1–${trace.skipped}. not listed`);
        expect(entries[0].selections).toEqual([trace.steps[0].before.client.stateRange, trace.steps[0].before.server.stateRange]);
        expect(entries[1].label).toBe(`${trace.skipped + 1}. ${trace.steps[0].side} ${trace.steps[0].machine}`);
    });
});
