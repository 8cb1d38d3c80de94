import type { LangiumParser, ParseResult } from 'langium';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { FastRpcstateParser, createRpcstateParser } from '../../language/syntax/fast-parser/fast-langium-parser.js';
import { parseSnapshot, parserErrorLine } from '../support/parse-snapshot.js';
import { PARSER_TEST_FILES, parserCorpus } from '../support/parser-corpus.js';

/**
 * The hand-written parser (language/syntax/fast-parser/) stands in for the
 * parser Langium generates from rpcstate.langium, so it must produce what that
 * one produces. Both parse the same inputs with the same services; a clean
 * input must give the same AST and CST (see test/support/parse-snapshot.ts for
 * what is compared), a bad one at least one error, on the same line as
 * Chevrotain's first. In fact the fast parser replays Chevrotain's recovery,
 * so the last test holds it to identical errors and trees on bad input too.
 */
const { Rpcstate } = createRpcstateServices(EmptyFileSystem);
const fast = createRpcstateParser(Rpcstate, 'fast');
const chevrotain = createRpcstateParser(Rpcstate, 'chevrotain');

const files = PARSER_TEST_FILES;

function parseBoth(text: string): { slow: ParseResult; quick: ParseResult } {
    return { slow: chevrotain.parse(text), quick: fast.parse(text) };
}

const snapshot = (result: ParseResult) => parseSnapshot(result, Rpcstate.Grammar);

/** Parser errors as the validator sees them, tokens reduced to their fields. */
function errorsOf(result: ParseResult): unknown[] {
    const token = (t: { image: string; startOffset: number; endOffset?: number; startLine?: number; startColumn?: number; endLine?: number; endColumn?: number; tokenType: { name: string } } | undefined) =>
        t && { image: t.image, startOffset: t.startOffset, endOffset: t.endOffset, startLine: t.startLine, startColumn: t.startColumn, endLine: t.endLine, endColumn: t.endColumn, type: t.tokenType.name };
    return result.parserErrors.map(e => ({ name: e.name, message: e.message, token: token(e.token), previous: token((e as { previousToken?: typeof e.token }).previousToken), line: parserErrorLine(e) }));
}

const hasErrors = (result: ParseResult) => result.parserErrors.length + result.lexerErrors.length > 0;

describe('the fast parser against the Chevrotain parser', () => {
    const inputs = parserCorpus();
    const clean = inputs.filter(input => !hasErrors(chevrotain.parse(input.text)));

    it(`covers the example files and ${inputs.length} inputs in all, clean and broken`, () => {
        expect(files.length).toBeGreaterThan(30);
        expect(inputs.length).toBeGreaterThan(3_000);
        // Both kinds must be well represented for the comparisons below to mean something.
        expect(clean.length).toBeGreaterThan(100);
        expect(inputs.length - clean.length).toBeGreaterThan(2_000);
    });

    it('gives the same AST and CST, and no error, for every input that parses cleanly', () => {
        for (const input of clean) {
            const { slow, quick } = parseBoth(input.text);
            expect(hasErrors(quick), input.name).toBe(false);
            expect(snapshot(quick), input.name).toEqual(snapshot(slow));
        }
    });

    it('reports an error, never throws, and puts its first error on the line of Chevrotain\'s first', () => {
        for (const input of inputs) {
            const { slow, quick } = parseBoth(input.text);
            if (!hasErrors(slow)) continue;
            expect(hasErrors(quick), input.name).toBe(true);
            expect(quick.lexerErrors, input.name).toEqual(slow.lexerErrors);
            if (slow.parserErrors.length > 0) {
                expect(quick.parserErrors.length, input.name).toBeGreaterThan(0);
                expect(parserErrorLine(quick.parserErrors[0]), input.name).toBe(parserErrorLine(slow.parserErrors[0]));
            }
        }
    });

    it('recovers from bad input exactly as Chevrotain does: the same errors, messages and partial trees', () => {
        for (const input of inputs) {
            const { slow, quick } = parseBoth(input.text);
            if (!hasErrors(slow)) continue;
            expect(errorsOf(quick), input.name).toEqual(errorsOf(slow));
            expect(snapshot(quick), input.name).toEqual(snapshot(slow));
        }
    });
});

describe('the parser service', () => {
    it('is the fast parser unless RPCSTATE_PARSER=chevrotain', () => {
        expect(Rpcstate.parser.LangiumParser instanceof FastRpcstateParser).toBe(process.env.RPCSTATE_PARSER !== 'chevrotain');
        expect(createRpcstateParser(Rpcstate, 'fast')).toBeInstanceOf(FastRpcstateParser);
        expect(createRpcstateParser(Rpcstate, 'chevrotain')).not.toBeInstanceOf(FastRpcstateParser);
    });

    it('hands a parse of another rule than the entry rule to Chevrotain', () => {
        const parser: LangiumParser = createRpcstateParser(Rpcstate, 'fast');
        const result = parser.parse('on done -> End', { rule: 'Transition' });
        expect(result.parserErrors).toEqual([]);
        expect(result.value).toMatchObject({ $type: 'Transition', outcome: 'done', target: { $refText: 'End' } });
    });

    it('builds references the Linker resolves, and CST nodes the grammar queries find', async () => {
        const { shared, Rpcstate: services } = createRpcstateServices(EmptyFileSystem);
        const document = shared.workspace.LangiumDocumentFactory.fromString(
            'protocol P\nclient C {\n  initial state A { call on exception -> End }\n  end state End\n}\n',
            (await import('langium')).URI.parse('memory:///linked.rpcstate'),
        );
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: false });
        expect(services.parser.LangiumParser instanceof FastRpcstateParser).toBe(process.env.RPCSTATE_PARSER !== 'chevrotain');
        const protocol = document.parseResult.value as unknown as { machines: Array<{ states: Array<{ name: string; transitions: Array<{ target: { ref?: { name: string }; $refNode?: { text: string } } }> }> }> };
        const transition = protocol.machines[0].states[0].transitions[0];
        expect(transition.target.ref?.name).toBe('End');
        expect(transition.target.$refNode?.text).toBe('End');
        expect(document.references.length).toBe(1);
    });
});
