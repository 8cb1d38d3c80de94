import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CodeLens, Diagnostic } from 'vscode-languageserver-protocol';
import type { CompositionAnswer } from '../../server/features/composition-protocol.js';
import { ladderProtocol } from '../support/ladder-protocol.js';
import { HAS_SHARED, SHARED_EXAMPLES } from '../support/paths.js';
import type { StdioLanguageServer } from '../support/stdio-language-server.js';
import { startBundledServer } from '../support/stdio-language-server.js';

/**
 * The client × server check over real stdio: the single-machine diagnostics
 * are published first, the composition's findings in a second publish, an
 * edit stops a check in flight, and an unchanged pair is not checked again.
 */
let server: StdioLanguageServer;
const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map(d => String(d.code));
const composition = (uri: string) => server.request<CompositionAnswer>('rpcstate/composition', { uri }, 60_000);

beforeAll(async () => {
    server = await startBundledServer();
});

afterAll(async () => {
    await server?.stop();
});

describe.skipIf(!HAS_SHARED)('client × server diagnostics over stdio', () => {
    const uri = 'file:///composition/cancel-wait.rpcstate';
    const text = HAS_SHARED ? readFileSync(join(SHARED_EXAMPLES, 'composition', 'cancel-wait.rpcstate'), 'utf8') : '';

    it('publishes the single-machine diagnostics first, then adds protocol-deadlock with its interleaving', async () => {
        server.open(uri, text);
        const first = await server.diagnostics(uri);
        expect(codes(first)).toEqual([]);
        const second = await server.diagnostics(uri, 1);
        expect(codes(second)).toEqual(['protocol-deadlock', 'protocol-deadlock']);
        for (const d of second) {
            expect(d.severity).toBe(1);
            expect(d.relatedInformation!.length).toBeGreaterThanOrEqual(3);
            expect(d.relatedInformation!.every(r => r.location.uri === uri)).toBe(true);
            const machines = (d.data as { interleaving: string[] }).interleaving;
            expect(new Set(machines)).toEqual(new Set(['Caller', 'Worker']));
        }
        expect(second[0].relatedInformation!.at(-1)!.message).toMatch(/waits in WComp for RpcCallComplete/);
    });

    it('puts the verdict on the protocol line, with a lens that steps through a deadlock', async () => {
        const lenses = await server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
        const onProtocol = lenses.filter(l => l.range.start.line === 3);
        expect(onProtocol.map(l => l.command?.title)).toEqual([
            expect.stringMatching(/^client Caller × server Worker: 2 deadlocks, \d+ joint points explored$/),
            'Step through a deadlock',
        ]);
        expect(onProtocol[1].command).toMatchObject({ command: 'rpcstate.stepInterleaving', arguments: [uri] });
    });

    it('answers rpcstate/composition with each deadlock\'s steps and where both machines are before each', async () => {
        const answer = await composition(uri);
        expect(answer.version).toBe(1);
        const [client, serverSide] = answer.report!.deadlocks;
        expect(client.waiting).toMatchObject({ machine: 'Caller', state: 'WComp', status: 'waits' });
        expect(serverSide.waiting).toMatchObject({ machine: 'Worker', state: 'Hold', status: 'waits' });
        expect(client.steps.map(s => `${s.number} ${s.machine}.${s.state}#${s.transition}`)).toEqual(['1 Caller.C#0', '2 Worker.D#1']);
        expect(client.steps[1].before).toMatchObject({ client: { state: 'WComp' }, server: { state: 'D' } });
    });

    it('does not check an unchanged pair again: an edit outside both machines publishes the same deadlocks', async () => {
        const before = server.publishCount(uri);
        server.replace(uri, text.replace('A server that waits for a cancel', 'Renamed description'));
        expect(codes(await server.diagnostics(uri, before))).toEqual([]);
        expect(codes(await server.diagnostics(uri, before + 1))).toEqual(['protocol-deadlock', 'protocol-deadlock']);
    });

    it('offers both renames for a procedure mismatch, as code actions on the published deadlock', async () => {
        const wrong = 'file:///composition/wrong-procedure.rpcstate';
        server.open(wrong, readFileSync(join(SHARED_EXAMPLES, 'composition', 'wrong-procedure.rpcstate'), 'utf8'));
        const published = await server.diagnostics(wrong, 1);
        const deadlock = published.find(d => d.code === 'protocol-deadlock')!;
        const actions = await server.request<CodeAction[]>('textDocument/codeAction', {
            textDocument: { uri: wrong }, range: deadlock.range, context: { diagnostics: [deadlock] },
        });
        expect(actions.map(a => a.title)).toEqual([
            'Call StoreRecord in client Reader, as server Writer dispatches it',
            'Dispatch FetchRecord in server Writer, as client Reader calls it',
            'Ignore protocol-deadlock on this line (// rpcstate-ignore-next-line)',
        ]);
        expect(actions[0].edit!.changes![wrong]).toEqual([{ range: { start: { line: 6, character: 4 }, end: { line: 6, character: 20 } }, newText: 'call StoreRecord' }]);
    });

    it('publishes once for a clean pair: the first publish is already complete', async () => {
        const clean = 'file:///composition/clean.rpcstate';
        server.open(clean, ladderProtocol(3, 'clean'));
        expect(await server.diagnostics(clean)).toEqual([]);
        const answer = await composition(clean);
        expect(answer.report).toMatchObject({ status: 'checked', deadlocks: [] });
        await server.request('textDocument/documentSymbol', { textDocument: { uri: clean } });
        expect(server.publishCount(clean)).toBe(1);
    });

    it('an edit stops the check in flight; only the new text\'s result is published', async () => {
        const big = 'file:///composition/ladder.rpcstate';
        server.open(big, ladderProtocol(1000, 'waits-for-cancel'));
        expect(codes(await server.diagnostics(big))).toEqual([]);
        // The check starts after a pause of 250 ms, and then explores about a million joint points in the worker: edit while it runs.
        await new Promise(resolve => setTimeout(resolve, 600));
        server.replace(big, ladderProtocol(3, 'clean'));
        expect(await server.diagnostics(big, 1)).toEqual([]);
        const answer = await composition(big);
        expect(answer).toMatchObject({ version: 2, report: { status: 'checked', deadlocks: [] } });
        await server.request('textDocument/documentSymbol', { textDocument: { uri: big } });
        expect(server.publishCount(big)).toBe(2);
        expect(server.logged.map(l => l.message)).toContainEqual('client × server check of Climber × Rungs stopped: the text changed');
        expect(server.loggedErrors).toEqual([]);
    });
});
