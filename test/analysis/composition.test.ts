import { describe, expect, it } from 'vitest';
import { analyzeProtocol } from '../../language/analysis/analyze-protocol.js';
import { analyzeComposition } from '../../language/analysis/composition/analyze-composition.js';
import { documentedClient, documentedServer, endState, machine, protocol, state, t } from '../support/model-builders.js';

const cancelWaitClient = () => machine('client', 'Caller', [
    state('C', { initial: true, action: 'call Compute', transitions: [t('success -> WComp'), t('exception -> End')] }),
    state('WComp', { action: 'await RpcCallComplete', transitions: [t('-> Comp')] }),
    state('Comp', { action: 'invoke RpcAsyncCompleteCall', transitions: [t('-> End')] }),
    endState(),
]);

const cancelWaitServer = () => machine('server', 'Worker', [
    state('D', { initial: true, action: 'dispatch Compute', transitions: [t('quick -> Comp'), t('slow -> Hold')] }),
    state('Hold', { action: 'await RpcClientCancel', transitions: [t('-> A')] }),
    state('A', { action: 'invoke RpcAsyncAbortCall', transitions: [t('-> End')] }),
    state('Comp', { action: 'invoke RpcAsyncCompleteCall', transitions: [t('-> End')] }),
    endState(),
]);

describe('the client × server check on plain models', () => {
    it('finds no deadlock in the documented client and server, and counts the joint points', () => {
        const analysis = analyzeProtocol(protocol(documentedClient(), documentedServer()));
        expect(analysis.findings).toEqual([]);
        expect(analysis.composition?.status).toBe('checked');
        expect(analysis.composition?.points).toBeGreaterThan(5);
    });

    it('reports both waits of a server that holds the call until a cancel that never comes', () => {
        const client = cancelWaitClient();
        const server = cancelWaitServer();
        const result = analyzeComposition(protocol(client, server), []);
        expect(result.status).toBe('checked');
        expect(result.findings.map(f => [f.code, f.machine, f.range])).toEqual([
            ['protocol-deadlock', 'Caller', client.states[1].action!.range],
            ['protocol-deadlock', 'Worker', server.states[1].action!.range],
        ]);
        const serverWait = result.deadlocks[1];
        expect(serverWait.waiting.wait).toBe('cancel');
        expect(serverWait.other).toMatchObject({ machine: 'Caller', status: 'waits', wait: 'reply' });
        expect(serverWait.interleaving.steps.map(s => `${s.machine} ${s.state.name} ${s.transition.outcome ?? ''}`)).toEqual(['Caller C success', 'Worker D slow']);
        const path = serverWait.finding.path!;
        expect(path.map(step => step.machine)).toEqual(['Caller', 'Worker', 'Worker']);
        expect(path[2].message).toContain('server Worker waits in Hold for RpcClientCancel; client Caller never cancels');
        expect(serverWait.finding.message).toMatch(/Send the cancel/);
    });

    it('says when it did not run, and why', () => {
        expect(analyzeComposition(protocol(documentedClient()), []).reason).toBe('the protocol needs exactly one client and one server');
        const broken = machine('server', 'S', [state('D', { initial: true, action: 'dispatch', transitions: [t('-> Nowhere')] }), endState()]);
        const analysis = analyzeProtocol(protocol(documentedClient(), broken));
        expect(analysis.composition).toMatchObject({ status: 'not-run', reason: 'server S has errors of its own' });
    });

    it('stops at the budget with composition-skipped, never with a verdict', () => {
        const result = analyzeComposition(protocol(cancelWaitClient(), cancelWaitServer()), [], { budget: 3 });
        expect(result.status).toBe('skipped');
        expect(result.points).toBe(3);
        expect(result.findings.map(f => [f.code, f.severity])).toEqual([['composition-skipped', 'info']]);
        expect(result.findings[0].message).toContain('budget of 3 joint points');
    });

    it('runs only on request when the caller analyses the machines alone', () => {
        const analysis = analyzeProtocol(protocol(cancelWaitClient(), cancelWaitServer()), { composition: false });
        expect(analysis.composition).toBeUndefined();
        expect(analysis.findings).toEqual([]);
    });
});
