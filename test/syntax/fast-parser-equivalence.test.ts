import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { LangiumParser, ParseResult } from 'langium';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { FastRpcstateParser, createRpcstateParser } from '../../language/syntax/fast-parser/fast-langium-parser.js';
import { syntheticProtocol } from '../../scripts/bench/synthetic-protocol.js';
import { mutate } from '../fuzz/mutations.js';
import { parseSnapshot, parserErrorLine } from '../support/parse-snapshot.js';
import { HAS_SHARED, OWN_CASES, OWN_EXAMPLES, REPO_ROOT, SHARED_EXAMPLES } from '../support/paths.js';
import { rpcstateFilesUnder } from '../support/rpcstate-files.js';

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

const files = [...(HAS_SHARED ? rpcstateFilesUnder(SHARED_EXAMPLES) : []), ...rpcstateFilesUnder(OWN_EXAMPLES), ...rpcstateFilesUnder(OWN_CASES)];
const PER_FILE = Math.ceil(3_000 / files.length);

/** Inputs written to reach the corners of the scanner, the CST builder and the recovery. */
const HANDWRITTEN: Record<string, string> = {
    'empty': '',
    'only whitespace and comments': '  \n// one\n/* two\n lines */  \n',
    'comments everywhere': '// head\nprotocol /*a*/ P /*b*/ "d" // c\n/*m*/ client /*n*/ C /*o*/ { // p\n  // above a state\n  initial /*q*/ state A /*r*/ { /*s*/ call /*t*/ X\n    // above a transition\n    on /*u*/ ok /*v*/ raise /*w*/ -> /*x*/ End // y\n    /*z*/ invoke RpcAsyncCancelCall -> End\n  /*before close*/ }\n  end state End // e\n/*before machine close*/ }\n// tail\n/* tail 2 */',
    'CRLF lines': 'protocol P\r\nclient C {\r\n  initial state A {\r\n    call\r\n    on exception -> End /* a\r\n b */\r\n  }\r\n  end state End\r\n}\r\n',
    'CR-only lines': 'protocol P\rclient C {\r  initial state A { call\r on exception -> End }\r  end state End\r}',
    'unicode whitespace': 'protocol\u00a0P\u2028client\u3000C\ufeff{ end\u2029state E }',
    'string escapes': 'protocol P "tab\\t quote\\" backslash\\\\ unicode \\u00e9 é \\q"\nserver S { end state E "\\n" }',
    'names that start with keywords': 'protocol protocolX\nclient clientele { initial state stateful { call callee on onward -> ending } end state ending }',
    'stray characters': 'protocol P # $ %\nclient C { initial state A { call @ on x -> B ! } end state B }',
    'unterminated string and comment': 'protocol P "open\nclient C { end state E } /* never closed',
    'lone dash and slash': 'protocol P - / client C { end state E }',
    'action or effect: invoke with default': 'protocol P client C { initial state A { invoke RpcAsyncCancelCall -> B } end state B }',
    'action or effect: raise with default': 'protocol P client C { initial state A { raise -> B } end state B }',
    'action or effect: invoke without name': 'protocol P client C { initial state A { invoke -> B } end state B }',
    'action or effect: invoke then a name': 'protocol P client C { initial state A { invoke F B } end state B }',
    'action or effect: raise then a name': 'protocol P client C { initial state A { raise B } end state B }',
    'action or effect: invoke then on': 'protocol P client C { initial state A { invoke F on x -> B } end state B }',
    'action or effect: invoke then end of file': 'protocol P client C { initial state A { invoke F',
    'missing arrow': 'protocol P client C { initial state A { call on fail B on exception -> B } end state B }',
    'missing target': 'protocol P client C { initial state A { call on fail ->\n on exception -> B } end state B }',
    'missing protocol': 'client C { end state E }',
    'keyword as names': 'protocol state client server { initial state call { on end -> on } end state state }',
    'text after the last machine': 'protocol P client C { end state E } } x y',
    'one token after the last machine': 'protocol P client C { end state E } x',
    'junk between states': 'protocol P client C { initial state A { -> E } junk more junk state B { -> E } end state E }',
    'junk inside a state': 'protocol P client C { initial state A { call junk -> E on x -> E } end state E }',
    'braces only': '{'.repeat(500) + '}'.repeat(500),
    'deep junk in a state': `protocol P\nclient C {\n initial state A {\n${'{'.repeat(500)}\n -> End }\n end state End\n}\n`,
    'a second protocol header': 'protocol P client C { end state E } protocol Q server S { end state E }',
    'state without body': 'protocol P client C { initial state A end state E }',
    'end state with body': 'protocol P client C { end state E { -> E } }',
};

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

/** Every input of the test: files, their mutations (deterministic seeds), the hand-written corners, a synthetic protocol. */
function corpus(): Array<{ name: string; text: string }> {
    const inputs: Array<{ name: string; text: string }> = [];
    files.forEach((file, index) => {
        const text = readFileSync(file, 'utf8');
        const name = relative(REPO_ROOT, file);
        inputs.push({ name, text });
        for (const [m, variant] of mutate(text, PER_FILE, 5_000 + index).entries()) inputs.push({ name: `${name} mutation ${m} (${variant.mutations.join(', ')})`, text: variant.text });
    });
    for (const [name, text] of Object.entries(HANDWRITTEN)) inputs.push({ name: `handwritten: ${name}`, text });
    inputs.push({ name: 'synthetic protocol of 300 states per machine', text: syntheticProtocol(300) });
    return inputs;
}

describe('the fast parser against the Chevrotain parser', () => {
    const inputs = corpus();
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
