import { describe, expect, it } from 'vitest';
import { analyzeProtocol } from '../../language/analysis/analyze-protocol.js';
import type { Finding } from '../../language/analysis/finding.js';
import { documentedClient, endState, machine, protocol, state, t } from '../support/model-builders.js';

const codes = (findings: readonly Finding[]) => findings.map(f => f.code).sort();

describe('structural checks and gating', () => {
    it('runs no path check on a machine with a structural error', () => {
        const m = machine('client', 'Gated', [
            state('C', { initial: true, action: 'invoke RpcAsyncCompleteCall', transitions: [t('-> Loop')] }),
            state('Loop', { transitions: [t('-> Loop')] }),
            state('Loop', { transitions: [t('-> End')] }),
            endState(),
        ]);
        const result = analyzeProtocol(protocol(m));
        expect(codes(result.findings)).toEqual(['duplicate-state']);
        expect(result.machines[0].pathChecked).toBe(false);
    });

    it('reports missing and multiple initial and end states where the contract says', () => {
        const none = machine('server', 'None', [state('D', { action: 'dispatch', transitions: [t('-> D')] })]);
        const many = machine('client', 'Many', [
            state('A', { initial: true, action: 'call', transitions: [t('success -> B'), t('exception -> E1')] }),
            state('B', { initial: true, transitions: [t('-> E2')] }),
            endState('E1'),
            endState('E2'),
        ]);
        const findings = analyzeProtocol(protocol(none, many)).findings;
        expect(codes(findings)).toEqual(['missing-end', 'missing-initial', 'multiple-end', 'multiple-initial']);
        expect(findings.find(f => f.code === 'missing-initial')!.range).toEqual(none.nameRange);
        expect(findings.find(f => f.code === 'multiple-initial')!.range).toEqual(many.states[1].headerRange);
        expect(findings.find(f => f.code === 'multiple-end')!.range).toEqual(many.states[3].headerRange);
    });

    it('reports a second client, unknown targets with a suggestion, and duplicate outcomes', () => {
        const second = machine('client', 'Second', [
            state('C', { initial: true, transitions: [t('x -> Ende'), t('x -> End'), t('-> End'), t('-> End')] }),
            endState(),
        ]);
        const findings = analyzeProtocol(protocol(documentedClient(), second)).findings;
        expect(codes(findings)).toEqual(['duplicate-machine', 'duplicate-outcome', 'duplicate-outcome', 'unknown-state']);
        expect(findings.find(f => f.code === 'unknown-state')!.message).toContain('Did you mean End?');
    });

    it('explains unknown actions: typos, and events invoked as functions', () => {
        const m = machine('client', 'Typos', [
            state('C', { initial: true, action: 'call', transitions: [t('success -> W'), t('exception -> End')] }),
            state('W', { action: 'invoke RpcCallComplete', transitions: [t('-> X')] }),
            state('X', { action: 'await RpcAsyncCompleteCal', transitions: [t('-> End')] }),
            endState(),
        ]);
        const findings = analyzeProtocol(protocol(m)).findings;
        expect(codes(findings)).toEqual(['unknown-action', 'unknown-action']);
        expect(findings[0].message).toContain('write `await RpcCallComplete`');
        expect(findings[1].message).toContain('Did you mean `invoke RpcAsyncCompleteCall`?');
    });

    it('reports wrong-side with the equivalent on the other side', () => {
        const server = machine('server', 'S', [
            state('D', { initial: true, action: 'call', transitions: [t('-> End')] }),
            endState(),
        ]);
        const [finding] = analyzeProtocol(protocol(server)).findings;
        expect(finding.code).toBe('wrong-side');
        expect(finding.message).toContain('`dispatch`');
    });

    it('warns about a call without `on exception`', () => {
        const m = machine('client', 'Unguarded', [
            state('C', { initial: true, action: 'call', transitions: [t('-> W')] }),
            state('W', { action: 'await RpcCallComplete', transitions: [t('-> Comp')] }),
            state('Comp', { action: 'invoke RpcAsyncCompleteCall', transitions: [t('-> End')] }),
            endState(),
        ]);
        const findings = analyzeProtocol(protocol(m)).findings;
        expect(codes(findings)).toEqual(['unhandled-outcome']);
        expect(findings[0].severity).toBe('warning');
    });
});

describe('reachability of End', () => {
    it('reports end-unreachable on End and no-path-to-end on every reachable state', () => {
        const m = machine('server', 'Spinner', [
            state('D', { initial: true, action: 'dispatch', transitions: [t('-> Work')] }),
            state('Work', { transitions: [t('again -> Work')] }),
            endState(),
        ]);
        const findings = analyzeProtocol(protocol(m)).findings;
        expect(findings.map(f => [f.code, f.range])).toEqual([
            ['no-path-to-end', m.states[0].nameRange],
            ['no-path-to-end', m.states[1].nameRange],
            ['end-unreachable', m.states[2].nameRange],
        ]);
        expect(findings[1].path!.length).toBe(2);
    });

    it('reports a state no path enters as unreachable, and not as no-path-to-end', () => {
        const m = machine('client', 'Orphans', [
            ...documentedClient().states.slice(0, 4),
            state('Orphan', { transitions: [t('-> Orphan')] }),
            endState(),
        ]);
        const findings = analyzeProtocol(protocol(m)).findings;
        expect(codes(findings)).toEqual(['unreachable-state']);
        expect(findings[0].severity).toBe('warning');
    });
});
