import { readFileSync } from 'node:fs';
import type { LangiumDocument } from 'langium';
import type { CompletionBacktrackingInformation, LangiumServices } from 'langium/lsp';
import { DefaultCompletionProvider } from 'langium/lsp';
import { describe, expect, it } from 'vitest';
import type { Position } from 'vscode-languageserver';
import { MAX_STATE_ITEMS, RpcstateCompletionProvider } from '../../server/features/completion-provider.js';
import type { RpcstateServices } from '../../language/rpcstate-module.js';
import { mutate } from '../fuzz/mutations.js';
import { OWN_EXAMPLES } from '../support/paths.js';
import { rpcstateFilesUnder } from '../support/rpcstate-files.js';
import { parse, rpcstate } from './editor-services.js';

/** Langium's backtracking, which lexes the whole text. */
class WholeTextBacktracking extends DefaultCompletionProvider {
    at(text: string, offset: number): CompletionBacktrackingInformation {
        return this.backtrackToAnyToken(text, offset);
    }
}

/** Ours, which lexes a window around the offset once it knows the document's CST. */
class WindowBacktracking extends RpcstateCompletionProvider {
    at(document: LangiumDocument, offset: number): CompletionBacktrackingInformation {
        // Starting the context generator hands the provider the document's CST.
        this.buildContexts(document, { line: 0, character: 0 }).next();
        return this.backtrackToAnyToken(document.textDocument.getText(), offset);
    }
}

/** Ours, but its parser reads from the start of the document to the cursor, as Langium's does. */
class WholePrefixCompletion extends RpcstateCompletionProvider {
    protected override findFeaturesAt(document: Parameters<DefaultCompletionProvider['findFeaturesAt']>[0], offset: number) {
        return DefaultCompletionProvider.prototype['findFeaturesAt'].call(this, document, offset);
    }
}

const whole = new WholeTextBacktracking(rpcstate as LangiumServices);
const wholePrefix = new WholePrefixCompletion(rpcstate as RpcstateServices);
const windowed = new WindowBacktracking(rpcstate as RpcstateServices);

const example = readFileSync(rpcstateFilesUnder(OWN_EXAMPLES)[0], 'utf8');
const texts = [
    { name: 'an example', text: example },
    { name: 'comments and strings', text: `/* a\n comment */ protocol P "d" // x\nclient C { initial state A "s" { call on exception -> End -> A /* -> */ }\n end state End }\n` },
    { name: 'unterminated comment', text: `protocol P\nclient C {\n  initial state A { call -> End }\n /* end state End\n}\n` },
    ...mutate(example, 12, 5).map((m, i) => ({ name: `mutation ${i} (${m.mutations.join(', ')})`, text: m.text })),
];

/** A client machine of `n` states S0..S(n-1), each going on to the next. */
function manyStates(n: number): string {
    const states = Array.from({ length: n }, (_, i) => `  state S${i} { -> ${i + 1 < n ? `S${i + 1}` : 'End'} }`);
    return `protocol P\nclient C {\n  initial state I { call on exception -> End -> S0 }\n${states.join('\n')}\n  end state End\n}\n`;
}

async function completeAt(document: LangiumDocument, position: Position) {
    return rpcstate.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position });
}

describe('completion in large documents', () => {
    it.each(texts)('finds the same tokens around every offset as lexing the whole text: $name', async ({ text }) => {
        const document = await parse(text);
        for (let offset = 0; offset <= text.length; offset++) {
            expect(windowed.at(document, offset), `offset ${offset}`).toEqual(whole.at(text, offset));
        }
    });

    it.each(texts.slice(0, 8))('offers the same items at every offset when its parser reads only the current state: $name', async ({ text }) => {
        const document = await parse(text);
        for (let offset = 0; offset <= text.length; offset++) {
            const position = document.textDocument.positionAt(offset);
            const params = { textDocument: { uri: document.uri.toString() }, position };
            expect(await rpcstate.lsp.CompletionProvider!.getCompletion(document, params), `offset ${offset}`).toEqual(await wholePrefix.getCompletion(document, params));
        }
    });

    it(`offers at most ${MAX_STATE_ITEMS} states after ->, and says the list is incomplete`, async () => {
        const text = manyStates(600);
        const document = await parse(text);
        const line = text.split('\n').findIndex(l => l.includes('state S7 '));
        const list = await completeAt(document, { line, character: text.split('\n')[line].indexOf('-> ') + 3 });
        expect(list?.isIncomplete).toBe(true);
        expect(list?.items).toHaveLength(MAX_STATE_ITEMS);
    });

    it('offers the states that match what is typed, all of them when they fit', async () => {
        const text = manyStates(600).replace('state S7 { -> S8 }', 'state S7 { -> S59 }');
        const document = await parse(text);
        const line = text.split('\n').findIndex(l => l.includes('state S7 '));
        const list = await completeAt(document, { line, character: text.split('\n')[line].indexOf('S59') + 3 });
        const labels = list?.items.map(item => item.label) ?? [];
        // Fuzzy matching, as Langium filters: S59, S590..S599, and names with S, 5 and 9 in that order (S509, S519, ...).
        expect(labels).toContain('S59');
        expect(labels).toContain('S599');
        expect(labels.length).toBeLessThan(MAX_STATE_ITEMS);
        expect(labels.every(label => /^S\d*5\d*9\d*$/.test(label))).toBe(true);
    });
});
