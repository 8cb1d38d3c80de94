import type { AstNode, LangiumDocument } from 'langium';
import { EmptyFileSystem, TextDocument, URI } from 'langium';
import { describe, expect, it, vi } from 'vitest';
import type { MachineModel } from '../../language/model/machine-model.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { syntheticProtocol } from '../../scripts/bench/synthetic-protocol.js';
import { garbageCollector } from '../../server/features/collect-garbage.js';

/** What the mocked analysis sees: a hook run before each machine is analysed, and the machines it analysed. */
const watch = vi.hoisted(() => ({ before: undefined as (() => void) | undefined, analysed: [] as string[] }));

vi.mock('../../language/analysis/analyze-protocol.js', async importOriginal => {
    const original = await importOriginal<typeof import('../../language/analysis/analyze-protocol.js')>();
    return {
        ...original,
        analyzeMachine: (machine: MachineModel, ...rest: unknown[]) => {
            watch.before?.();
            watch.analysed.push(machine.side);
            return (original.analyzeMachine as (...args: unknown[]) => ReturnType<typeof original.analyzeMachine>)(machine, ...rest);
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
            collect!();
            seen.push({ node: previous.node.deref() !== undefined, model: previous.model.deref() !== undefined });
        };
        const at = text.indexOf('"Make call 3"') + 1;
        const edited = text.slice(0, at) + 'x' + text.slice(at);
        shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'rpcstate', 2, edited));
        await shared.workspace.DocumentBuilder.update([uri], []);
        watch.before = undefined;

        // The client alone was re-parsed and re-analysed; the server's node and result were kept.
        expect((document.parseResult.value as AstNode & { machines: AstNode[] }).machines[1]).toBe(previous.server);
        expect(watch.analysed).toEqual(['client']);
        expect(seen).toEqual([{ node: false, model: false }]);
    });
});
