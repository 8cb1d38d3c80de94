import { expectSemanticToken, highlightHelper } from 'langium/test';
import { SemanticTokenTypes } from 'vscode-languageserver';
import { describe, expect, test } from 'vitest';
import { rpcstate } from './editor-services.js';

const highlight = highlightHelper(rpcstate);

const TEXT = `<|protocol|> <|P|>
<|client|> <|Caller|> {
  <|initial|> <|state|> <|C|> {
    <|call|> <|FetchRecord|>
    <|on|> <|exception|> -> <|End|>
    -> <|W|>
  }
  state W {
    <|await|> <|RpcCallComplete|>
    on done <|invoke|> <|RpcAsyncCompleteCall|> -> End
  }
  <|end|> state End
}`;

describe('semantic tokens', () => {
    test('every kind of name gets a standard token type', async () => {
        const tokens = await highlight(TEXT);
        const expected: Array<[number, SemanticTokenTypes]> = [
            [0, SemanticTokenTypes.keyword], [1, SemanticTokenTypes.namespace],
            [2, SemanticTokenTypes.keyword], [3, SemanticTokenTypes.class],
            [4, SemanticTokenTypes.keyword], [5, SemanticTokenTypes.keyword], [6, SemanticTokenTypes.enumMember],
            [7, SemanticTokenTypes.keyword], [8, SemanticTokenTypes.function],
            [9, SemanticTokenTypes.keyword], [10, SemanticTokenTypes.parameter], [11, SemanticTokenTypes.enumMember],
            [12, SemanticTokenTypes.enumMember],
            [13, SemanticTokenTypes.keyword], [14, SemanticTokenTypes.event],
            [15, SemanticTokenTypes.keyword], [16, SemanticTokenTypes.function],
            [17, SemanticTokenTypes.keyword],
        ];
        for (const [rangeIndex, tokenType] of expected) expectSemanticToken(tokens, { rangeIndex, tokenType });
    });

    test('declarations and catalog names carry their modifiers', async () => {
        const { tokens } = await highlight(TEXT);
        const modifiers = rpcstate.lsp.SemanticTokenProvider!.tokenModifiers;
        const byText = (text: string, type: string) => tokens.find(t => t.text === text && t.tokenType === type)!;
        expect(byText('C', 'enumMember').tokenModifiers & modifiers.declaration).not.toBe(0);
        expect(byText('W', 'enumMember').tokenModifiers).toBe(0); // the reference on line 6
        expect(byText('RpcCallComplete', 'event').tokenModifiers & modifiers.defaultLibrary).not.toBe(0);
        expect(byText('FetchRecord', 'function').tokenModifiers).toBe(0);
    });

    test('punctuation gets no token, and a broken document still highlights what parsed', async () => {
        const { tokens } = await highlight('protocol P\nclient C {\n  state A { -> ');
        expect(tokens.map(t => t.text)).toEqual(['protocol', 'P', 'client', 'C', 'state', 'A']);
    });
});
