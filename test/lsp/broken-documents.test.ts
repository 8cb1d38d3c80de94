import { isOperationCancelled } from 'langium';
import { clearDocuments } from 'langium/test';
import { CancellationTokenSource } from 'vscode-languageserver';
import { afterAll, describe, expect, test } from 'vitest';
import { HAS_SHARED } from '../support/paths.js';
import { parse, rpcstate, services, sharedExample, textDocument, WHOLE } from './editor-services.js';

/** Runs every editor feature of this module at a few positions; any exception fails the test. */
async function runEveryFeature(text: string): Promise<void> {
    const document = await parse(text, { validation: true });
    const lsp = rpcstate.lsp;
    const id = textDocument(document);
    const positions = [0, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length].map(offset => document.textDocument.positionAt(offset));
    for (const position of positions) {
        await lsp.CompletionProvider!.getCompletion(document, { textDocument: id, position });
        await lsp.HoverProvider!.getHoverContent(document, { textDocument: id, position });
        await lsp.Formatter!.formatDocumentOnType(document, { textDocument: id, position, ch: '}', options: { tabSize: 2, insertSpaces: true } });
    }
    await lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: id });
    await lsp.FoldingRangeProvider!.getFoldingRanges(document, { textDocument: id });
    await lsp.Formatter!.formatDocument(document, { textDocument: id, options: { tabSize: 2, insertSpaces: true } });
    await lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: id });
    await lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: id });
    await lsp.InlayHintProvider!.getInlayHints(document, { textDocument: id, range: WHOLE });
    await services.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query: 'a' });
}

describe('broken documents', () => {
    afterAll(() => clearDocuments(services.shared));

    test.skipIf(!HAS_SHARED)('every feature survives every prefix of the documented tables', async () => {
        const text = sharedExample('async-call.rpcstate');
        for (let end = 0; end <= text.length; end += 7) await runEveryFeature(text.slice(0, end));
    });

    test('every feature survives names missing, keywords doubled and stray tokens', async () => {
        const cases = [
            '', 'protocol', 'protocol P client', 'protocol P\nclient {\n}', 'protocol P\nclient C {\n  state { }\n}',
            'protocol P\nclient C {\n  initial state A {\n    invoke\n    on -> \n  }\n}',
            'protocol P\nserver S {\n  initial initial state D { dispatch dispatch -> -> }\n  end state\n}',
            'protocol P\nclient C { state A { on x raise invoke -> A } } } }',
            'protocol P "unterminated\nclient C { /* unterminated comment',
            'client C { state A { -> A } }', '@@@ protocol P ###',
            'protocol P\n// #region\n// #endregion\n// #endregion\nclient C {}',
        ];
        for (const text of cases) await runEveryFeature(text);
    });

    test('long requests stop when the client cancels', async () => {
        const states = Array.from({ length: 3_000 }, (_, i) => `  state S${i} { -> End }`).join('\n');
        const document = await parse(`protocol Big\nclient C {\n  initial state A { -> S0 }\n${states}\n  end state End\n}\n`);
        const source = new CancellationTokenSource();
        source.cancel();
        const outcome = await Promise.resolve(rpcstate.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: textDocument(document) }, source.token)).then(() => 'finished', (error: unknown) => error);
        expect(isOperationCancelled(outcome)).toBe(true);
        const hints = await Promise.resolve(rpcstate.lsp.InlayHintProvider!.getInlayHints(document, { textDocument: textDocument(document), range: WHOLE }, source.token)).then(() => 'finished', (error: unknown) => error);
        expect(isOperationCancelled(hints)).toBe(true);
    });
});
