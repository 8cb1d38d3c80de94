import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { syntheticProtocol } from '../../scripts/bench/synthetic-protocol.js';
import { mutate } from '../fuzz/mutations.js';
import { HAS_SHARED, OWN_CASES, OWN_EXAMPLES, REPO_ROOT, SHARED_EXAMPLES } from './paths.js';
import { rpcstateFilesUnder } from './rpcstate-files.js';

/**
 * The inputs both parsers' tests read (test/syntax/): every spec file (the
 * shared examples when present, the bundled examples, the own cases), about
 * 3,000 deterministic mutations of them, hand-written corners and a synthetic
 * protocol. Clean and broken inputs alike.
 */
export const PARSER_TEST_FILES = [...(HAS_SHARED ? rpcstateFilesUnder(SHARED_EXAMPLES) : []), ...rpcstateFilesUnder(OWN_EXAMPLES), ...rpcstateFilesUnder(OWN_CASES)];
const PER_FILE = Math.ceil(3_000 / PARSER_TEST_FILES.length);

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

/** Every input of the test: files, their mutations (deterministic seeds), the hand-written corners, a synthetic protocol. */
export function parserCorpus(): Array<{ name: string; text: string }> {
    const inputs: Array<{ name: string; text: string }> = [];
    PARSER_TEST_FILES.forEach((file, index) => {
        const text = readFileSync(file, 'utf8');
        const name = relative(REPO_ROOT, file);
        inputs.push({ name, text });
        for (const [m, variant] of mutate(text, PER_FILE, 5_000 + index).entries()) inputs.push({ name: `${name} mutation ${m} (${variant.mutations.join(', ')})`, text: variant.text });
    });
    for (const [name, text] of Object.entries(HANDWRITTEN)) inputs.push({ name: `handwritten: ${name}`, text });
    inputs.push({ name: 'synthetic protocol of 300 states per machine', text: syntheticProtocol(300) });
    return inputs;
}
