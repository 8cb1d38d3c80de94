import type { AstNode, LangiumDocument } from 'langium';
import { EmptyFileSystem, TextDocument, URI } from 'langium';
import { describe, expect, it, vi } from 'vitest';
import type { PriorAnalysis } from '../../language/analysis/analyze-protocol.js';
import type { MachineModel, StateModel } from '../../language/model/machine-model.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { syntheticProtocol } from '../../scripts/bench/synthetic-protocol.js';
import { garbageCollector } from '../../server/features/collect-garbage.js';
import { optimizingCompilerSettler } from '../support/settle-optimizing-compiler.js';

/** Every range a state's model offers, as plain data. */
function rangesOf(states: readonly StateModel[]): unknown[] {
    return states.map(state => ({
        range: state.range, nameRange: state.nameRange, action: state.action?.range,
        transitions: state.transitions.map(t => ({ range: t.range, target: t.targetRange, effect: t.effect?.range })),
    }));
}

/**
 * What the mocked analysis sees: a hook run before each machine is analysed,
 * the machines it analysed, and for each given a previous index of its
 * machine, whether it kept that index's names table (and whether it was
 * given the previous structure check's quiet states).
 */
const watch = vi.hoisted(() => ({ before: undefined as (() => void) | undefined, analysed: [] as string[], keptNames: [] as string[] }));

vi.mock('../../language/analysis/analyze-protocol.js', async importOriginal => {
    const original = await importOriginal<typeof import('../../language/analysis/analyze-protocol.js')>();
    return {
        ...original,
        analyzeMachine: (machine: MachineModel, prior?: PriorAnalysis) => {
            watch.before?.();
            watch.analysed.push(machine.side);
            const result = original.analyzeMachine(machine, prior);
            if (prior) watch.keptNames.push(`${machine.side}: ${result.index?.byName === prior.index.byName}${prior.quiet ? ', with quiet states' : ''}`);
            return result;
        },
    };
});

/**
 * An edit re-analyses the machine it changed, keeping the other's result
 * (kept-machine-results.ts). The changed machine's previous tree, model and
 * result must be garbage by the time its new model is analysed: the kept
 * results held them until the new ones replaced them, so every major
 * collection during an edit's analysis counted a second copy of the edited
 * machine as live (and the heap's next limit grows from what is live).
 */
describe('kept machine results across an edit', () => {
    it('let the edited machine\'s previous tree and model be collected before its new model is analysed', async () => {
        const collect = garbageCollector();
        expect(collect).toBeTypeOf('function');
        const settle = optimizingCompilerSettler();
        expect(settle).toBeTypeOf('function');
        const { shared, Rpcstate } = createRpcstateServices(EmptyFileSystem);
        const text = syntheticProtocol(40);
        const uri = URI.parse('file:///kept/release.rpcstate');
        shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'rpcstate', 1, text));
        const document: LangiumDocument = shared.workspace.LangiumDocuments.createDocument(uri, text);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });

        // Weak references only, made in a function so that no local keeps the targets.
        const previous = (() => {
            const protocol = document.parseResult.value as AstNode & { machines: AstNode[] };
            const model = Rpcstate.analysis.ProtocolAnalyzer.analyze(protocol as never).model;
            return { node: new WeakRef(protocol.machines[0]), model: new WeakRef(model.machines[0]), server: protocol.machines[1] };
        })();
        // A WeakRef holds its target until the current task ends.
        await new Promise(resolve => setTimeout(resolve, 0));

        const seen: Array<{ node: boolean; model: boolean }> = [];
        watch.analysed = [];
        watch.before = () => {
            // Not counting what a compile job still in flight holds (see settle-optimizing-compiler.ts).
            settle!();
            collect!();
            seen.push({ node: previous.node.deref() !== undefined, model: previous.model.deref() !== undefined });
        };
        // An outcome renamed: the machine's analysis must run again (a description would not need it).
        const at = text.indexOf('on fail', text.indexOf('"Make call 3"')) + 'on fail'.length;
        const edited = text.slice(0, at) + 'x' + text.slice(at);
        shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'rpcstate', 2, edited));
        await shared.workspace.DocumentBuilder.update([uri], []);
        watch.before = undefined;

        // The client alone was re-parsed and re-analysed; the server's node and result were kept.
        expect((document.parseResult.value as AstNode & { machines: AstNode[] }).machines[1]).toBe(previous.server);
        expect(watch.analysed).toEqual(['client']);
        expect(seen).toEqual([{ node: false, model: false }]);
    });

    it('reuses the models of the states a state re-parse kept, with their ranges read where the edit moved them', async () => {
        // 200 states per machine: a planted mistake near the end of the client, far below the edit.
        const text = syntheticProtocol(200);
        const { shared, Rpcstate } = createRpcstateServices(EmptyFileSystem);
        const fresh = createRpcstateServices(EmptyFileSystem);
        const uri = URI.parse('file:///kept/states.rpcstate');
        shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'rpcstate', 1, text));
        const document: LangiumDocument = shared.workspace.LangiumDocuments.createDocument(uri, text);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });
        const statesBefore = Rpcstate.analysis.ProtocolAnalyzer.analyze(document.parseResult.value as never).model.machines[0].states;
        expect(document.diagnostics!.length).toBeGreaterThan(0);
        // Every range read once, so that each model holds them.
        rangesOf(statesBefore);

        // Two lines more in the body of W4: every state after it moves down.
        const body = text.indexOf('{', text.indexOf('"Wait for call 4"')) + 1;
        const edited = text.slice(0, body) + '\n\n' + text.slice(body);
        shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'rpcstate', 2, edited));
        await shared.workspace.DocumentBuilder.update([uri], []);

        const statesAfter = Rpcstate.analysis.ProtocolAnalyzer.analyze(document.parseResult.value as never).model.machines[0].states;
        const kept = statesAfter.filter((state, i) => state === statesBefore[i]);
        expect(kept).toHaveLength(statesBefore.length - 1);
        expect(statesAfter.find(state => state.name === 'W4')).not.toBe(statesBefore.find(state => state.name === 'W4'));
        const wholeDocument = fresh.shared.workspace.LangiumDocumentFactory.fromString(edited, uri);
        fresh.shared.workspace.LangiumDocuments.addDocument(wholeDocument);
        await fresh.shared.workspace.DocumentBuilder.build([wholeDocument], { validation: true });
        expect(document.diagnostics).toEqual(wholeDocument.diagnostics);
        expect(rangesOf(statesAfter)).toEqual(rangesOf(fresh.Rpcstate.analysis.ProtocolAnalyzer.analyze(wholeDocument.parseResult.value as never).model.machines[0].states));
    });

    describe('an edit inside one state that changes nothing the analysis reads', () => {
        /** A 200-state pair opened, then each edit applied in turn: which machines were analysed, and whether the diagnostics equal a fresh whole check. */
        async function afterEdits(edits: Array<(text: string) => string>): Promise<Array<{ analysed: string[]; same: boolean }>> {
            const { shared } = createRpcstateServices(EmptyFileSystem);
            const fresh = createRpcstateServices(EmptyFileSystem);
            let text = syntheticProtocol(200);
            const uri = URI.parse('file:///kept/neutral.rpcstate');
            shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'rpcstate', 1, text));
            const document: LangiumDocument = shared.workspace.LangiumDocuments.createDocument(uri, text);
            await shared.workspace.DocumentBuilder.build([document], { validation: true });
            const outcomes = [];
            for (const [i, edit] of edits.entries()) {
                text = edit(text);
                watch.analysed = [];
                shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'rpcstate', i + 2, text));
                await shared.workspace.DocumentBuilder.update([uri], []);
                const analysed = [...watch.analysed];
                // The same text checked whole by other services, at the same URI (related locations name it).
                const whole = fresh.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
                fresh.shared.workspace.LangiumDocuments.addDocument(whole);
                await fresh.shared.workspace.DocumentBuilder.build([whole], { validation: true });
                fresh.shared.workspace.LangiumDocuments.deleteDocument(uri);
                outcomes.push({ analysed, same: JSON.stringify(document.diagnostics) === JSON.stringify(whole.diagnostics) });
            }
            return outcomes;
        }
        const insert = (anchor: string, after: string, inserted: string) => (text: string) => {
            const from = text.indexOf(anchor);
            expect(from, anchor).toBeGreaterThanOrEqual(0);
            const at = text.indexOf(after, from) + after.length;
            return text.slice(0, at) + inserted + text.slice(at);
        };

        it('keeps the machine\'s result: typing in a description, re-indenting a transition', async () => {
            const outcomes = await afterEdits([insert('"Make call 20"', '"Make call', 'x'), insert('"Poll call 23"', '\n', '  ')]);
            expect(outcomes).toEqual([{ analysed: [], same: true }, { analysed: [], same: true }]);
        });

        it('analyses the machine again when the edit changes a target, adds a line, or lands on a state a finding points into', async () => {
            // The server's planted mistake of block 49 is reported in T49, on a path whose steps point into D0, F0, D1, F1, D49, T49.
            const outcomes = await afterEdits([
                insert('"Make call 20"', '-> W', '1'),
                insert('"Make call 30"', '{', '\n'),
                insert('"Test for cancel 49"', '"Test for', 'x'),
                insert('"Dispatch 1"', '"Dispatch', 'x'),
            ]);
            expect(outcomes).toEqual([
                { analysed: ['client'], same: true },
                // A line more: the server below moved, so its result is not kept either.
                { analysed: ['client', 'server'], same: true },
                { analysed: ['server'], same: true },
                { analysed: ['server'], same: true },
            ]);
        });

        it('starts the edited machine\'s analysis from its previous index when the edit inside a state changes a target or adds a line', async () => {
            watch.keptNames = [];
            const outcomes = await afterEdits([insert('"Make call 20"', '-> W', '1'), insert('"Make call 30"', '{', '\n')]);
            expect(outcomes).toEqual([{ analysed: ['client'], same: true }, { analysed: ['client', 'server'], same: true }]);
            // Only the edited client gets its previous index (the server below the new line is the same node, moved; the fresh checks start from nothing).
            expect(watch.keptNames).toEqual(['client: true, with quiet states', 'client: true, with quiet states']);
        });
    });
});
