import { describe, expect, it } from 'vitest';
import { analyzeProtocol } from '../../language/analysis/analyze-protocol.js';
import type { Finding } from '../../language/analysis/finding.js';
import { documentedClient, documentedServer, endState, machine, protocol, state, t } from '../support/model-builders.js';

const codes = (findings: readonly Finding[]) => findings.map(f => f.code).sort();

describe('phase exploration on plain models', () => {
    it('finds nothing in the documented client and server tables', () => {
        const result = analyzeProtocol(protocol(documentedClient(), documentedServer()));
        expect(result.findings).toEqual([]);
        expect(result.machines.every(m => m.pathChecked)).toBe(true);
    });

    it('knows the phases the call can be in at each documented state', () => {
        const [client, server] = analyzeProtocol(protocol(documentedClient(), documentedServer())).machines;
        expect([...client.phasesAt.get('C')!]).toEqual(['idle']);
        expect([...client.phasesAt.get('WComp')!]).toEqual(['outstanding']);
        expect([...client.phasesAt.get('Comp')!]).toEqual(['complete']);
        expect([...client.phasesAt.get('End')!].sort()).toEqual(['closed', 'failed']);
        expect([...server.phasesAt.get('End')!]).toEqual(['finished']);
        expect([...server.phasesAt.get('A')!]).toEqual(['active']);
    });

    it('reports Complete before the notification with a shortest path, one step per transition', () => {
        const m = machine('client', 'Hasty', [
            state('C', { initial: true, action: 'call', transitions: [t('success -> Long'), t('fast -> Comp'), t('exception -> End')] }),
            state('Long', { transitions: [t('-> Longer')] }),
            state('Longer', { transitions: [t('-> Comp')] }),
            state('Comp', { action: 'invoke RpcAsyncCompleteCall', transitions: [t('-> End')] }),
            endState(),
        ]);
        const [finding] = analyzeProtocol(protocol(m)).findings;
        expect(finding.code).toBe('complete-before-notification');
        expect(finding.range).toEqual(m.states[3].action!.range);
        expect(finding.path!.map(step => step.range)).toEqual([m.states[0].transitions[1].range, m.states[3].action!.range]);
        expect(finding.message).toContain('C -fast-> Comp');
        expect(finding.message).toContain('on pending');
    });

    it('lets Complete run early when the state handles `on pending`', () => {
        const m = machine('client', 'Poller', [
            state('C', { initial: true, action: 'call', transitions: [t('success -> Comp'), t('exception -> End')] }),
            state('Comp', { action: 'invoke RpcAsyncCompleteCall', transitions: [t('pending -> Comp'), t('-> End')] }),
            endState(),
        ]);
        expect(analyzeProtocol(protocol(m)).findings).toEqual([]);
    });

    it('treats a call that ended in exception as failed: no cancel, but a new call is fine', () => {
        const m = machine('client', 'Retry', [
            state('C', { initial: true, action: 'call', transitions: [t('success -> W'), t('exception -> Again')] }),
            state('Again', { action: 'call', transitions: [t('success -> W'), t('exception -> Can')] }),
            state('Can', { action: 'invoke RpcAsyncCancelCall', transitions: [t('-> End')] }),
            state('W', { action: 'await RpcCallComplete', transitions: [t('-> Comp')] }),
            state('Comp', { action: 'invoke RpcAsyncCompleteCall', transitions: [t('-> End')] }),
            endState(),
        ]);
        const findings = analyzeProtocol(protocol(m)).findings;
        expect(codes(findings)).toEqual(['no-outstanding-call']);
        expect(findings[0].range).toEqual(m.states[2].action!.range);
        expect(findings[0].message).toContain('exception');
    });

    it('reports a second call while the first is outstanding as handle-in-use', () => {
        const m = machine('client', 'Twice', [
            state('C', { initial: true, action: 'call', transitions: [t('success -> C2'), t('exception -> End')] }),
            state('C2', { action: 'call', transitions: [t('success -> End'), t('exception -> End')] }),
            endState(),
        ]);
        expect(codes(analyzeProtocol(protocol(m)).findings)).toEqual(['handle-in-use']);
    });

    it('reports only the first mistake on a path, and judges what follows once it is fixed', () => {
        const bad = machine('client', 'Bad', [
            state('Can', { initial: true, action: 'invoke RpcAsyncCancelCall', transitions: [t('-> Comp')] }),
            state('Comp', { action: 'invoke RpcAsyncCompleteCall', transitions: [t('-> End')] }),
            endState(),
        ]);
        expect(codes(analyzeProtocol(protocol(bad)).findings)).toEqual(['no-outstanding-call']);
    });

    it('reports missing-completion on the transition into End, for the client and the server', () => {
        const client = machine('client', 'Leaky', [
            state('C', { initial: true, action: 'call', transitions: [t('success -> W'), t('exception -> End')] }),
            state('W', { action: 'await RpcCallComplete', transitions: [t('-> End')] }),
            endState(),
        ]);
        const server = machine('server', 'Lazy', [
            state('D', { initial: true, action: 'dispatch', transitions: [t('-> End')] }),
            endState(),
        ]);
        const findings = analyzeProtocol(protocol(client, server)).findings;
        expect(codes(findings)).toEqual(['missing-completion', 'missing-completion']);
        expect(findings.map(f => f.range)).toEqual([client.states[1].transitions[0].range, server.states[0].transitions[0].range]);
        expect(findings[0].message).toContain('RpcAsyncCompleteCall');
    });

    it('allows a server raise only on the dispatch state, and reports both codes when a late raise is also a second ending', () => {
        const m = machine('server', 'Raiser', [
            state('D', { initial: true, action: 'dispatch', transitions: [t('ok -> Comp'), t('fatal raise -> End')] }),
            state('Comp', { action: 'invoke RpcAsyncCompleteCall', transitions: [t('-> After')] }),
            state('After', { transitions: [t('oops raise -> End'), t('-> End')] }),
            endState(),
        ]);
        const findings = analyzeProtocol(protocol(m)).findings;
        expect(codes(findings)).toEqual(['double-completion', 'raise-off-rpc-thread']);
        expect(new Set(findings.map(f => f.range))).toEqual(new Set([m.states[2].transitions[0].effect!.range]));
    });

    it('reports a raise action of a server state as off the RPC thread', () => {
        const m = machine('server', 'Thrower', [
            state('D', { initial: true, action: 'dispatch', transitions: [t('-> R')] }),
            state('R', { action: 'raise', transitions: [t('-> End')] }),
            endState(),
        ]);
        expect(codes(analyzeProtocol(protocol(m)).findings)).toEqual(['raise-off-rpc-thread']);
    });

    it('applies an effect after the action and before the target: Complete as an effect ends the server call', () => {
        const m = machine('server', 'Effects', [
            state('D', { initial: true, action: 'dispatch', transitions: [t('-> Work')] }),
            state('Work', { action: 'invoke RpcServerTestCancel', transitions: [t('done invoke RpcAsyncCompleteCall -> End'), t('again invoke RpcAsyncAbortCall -> Work')] }),
            endState(),
        ]);
        const findings = analyzeProtocol(protocol(m)).findings;
        // Work is re-entered finished: its TestCancel is after-completion there.
        expect(codes(findings)).toEqual(['after-completion']);
        expect(findings[0].range).toEqual(m.states[1].action!.range);
    });

    it('does not explore past unknown or wrong-side actions', () => {
        const m = machine('client', 'Odd', [
            state('C', { initial: true, action: 'call', transitions: [t('success -> X'), t('exception -> End')] }),
            state('X', { action: 'invoke RpcAsyncAbortCall', transitions: [t('-> End')] }),
            endState(),
        ]);
        // wrong-side is structural; no missing-completion beyond it.
        expect(codes(analyzeProtocol(protocol(m)).findings)).toEqual(['wrong-side']);
    });

    it('explores cycles to a fixed point: a polling loop is clean', () => {
        const m = machine('client', 'Poll', [
            state('C', { initial: true, action: 'call', transitions: [t('success -> P'), t('exception -> End')] }),
            state('P', { action: 'invoke RpcAsyncGetCallStatus', transitions: [t('pending -> Wait'), t('done -> Comp')] }),
            state('Wait', { transitions: [t('-> P')] }),
            state('Comp', { action: 'invoke RpcAsyncCompleteCall', transitions: [t('-> C2')] }),
            state('C2', { transitions: [t('again -> C'), t('stop -> End')] }),
            endState(),
        ]);
        const result = analyzeProtocol(protocol(m));
        expect(result.findings).toEqual([]);
        expect([...result.machines[0].phasesAt.get('C')!].sort()).toEqual(['closed', 'idle']);
    });

    it('lists at most the last 40 transitions of a long path, saying how many it left out', () => {
        const chain = Array.from({ length: 100 }, (_, i) => state(`S${i}`, { action: 'await RpcSendComplete', transitions: [t(`-> S${i + 1}`)] }));
        const m = machine('client', 'Long', [
            state('C', { initial: true, action: 'call', transitions: [t('success -> S0'), t('exception -> End')] }),
            ...chain,
            state('S100', { transitions: [t('-> End')] }),
            endState(),
        ]);
        const [finding] = analyzeProtocol(protocol(m)).findings;
        expect(finding.code).toBe('missing-completion');
        // 101 transitions reach S100: 61 summarized in one step, 40 listed; then the
        // transition into End, and the offending entry itself.
        expect(finding.path!.length).toBe(1 + 40 + 1 + 1);
        expect(finding.path![0].message).toBe('1–61. 61 transitions from C (initial) to S60, not listed');
        expect(finding.path![1].message).toBe('62. S60: await RpcSendComplete, then by default -> S61');
        expect(finding.path![41].message).toBe('102. S100: by default -> End');
        expect(finding.message).toContain('C -> … 61 transitions … -> S60 -> S61');
    });

    it('gives the same result twice (pure)', () => {
        const p = protocol(documentedClient(), documentedServer());
        expect(analyzeProtocol(p)).toEqual(analyzeProtocol(p));
    });
});
