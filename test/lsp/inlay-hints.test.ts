import { CancellationToken } from 'vscode-languageserver';
import { describe, expect, test } from 'vitest';
import { HAS_SHARED } from '../support/paths.js';
import { parse, rpcstate, sharedExample, textDocument, WHOLE } from './editor-services.js';

async function hints(text: string, range = WHOLE) {
    const document = await parse(text);
    const found = await rpcstate.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: textDocument(document), range }, CancellationToken.None) ?? [];
    return found.map(hint => {
        const line = document.textDocument.getText({ start: { line: hint.position.line, character: 0 }, end: hint.position });
        return `${line.trim()}${hint.label}`;
    });
}

describe('inlay hints', () => {
    test.skipIf(!HAS_SHARED)('after each state name, the phases of the call on entering it', async () => {
        expect(await hints(sharedExample('polling-client.rpcstate'))).toEqual([
            'initial state Init: idle',
            'state C: idle',
            'state Retry: failed',
            'state Poll: outstanding',
            'state Slow: outstanding',
            'state Can: outstanding',
            'state WComp: outstanding',
            'state Comp: known complete',
            'end state End: failed | closed',
        ]);
    });

    test('an unreachable state says so; only the requested range is computed', async () => {
        const text = 'protocol P\nserver S {\n  initial state D {\n    dispatch\n    -> Comp\n  }\n  state Lost { -> End }\n  state Comp {\n    invoke RpcAsyncCompleteCall\n    -> End\n  }\n  end state End\n}\n';
        expect(await hints(text)).toEqual(['initial state D: waiting', 'state Lost: unreachable', 'state Comp: active', 'end state End: finished']);
        expect(await hints(text, { start: { line: 6, character: 0 }, end: { line: 6, character: 30 } })).toEqual(['state Lost: unreachable']);
    });

    test('a machine the path checks skip gets no hints', async () => {
        expect(await hints('protocol P\nclient C {\n  initial state A { -> Nowhere }\n  end state End\n}\n')).toEqual([]);
    });
});
