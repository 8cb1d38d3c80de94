import { KEYWORDS } from '../keywords.js';

/**
 * The token kinds of the .rpcstate grammar as small integers, so the scanner
 * can store a token in typed arrays and the parser can test a kind against a
 * set with one bit operation. The names are the token names of Langium's lexer
 * (`Lexer.definition`), which the CST's leaf nodes and the error messages use.
 *
 * The keyword kinds come from the grammar (language/syntax/keywords.ts): a
 * keyword added to rpcstate.langium gets a kind, and the scanner recognises
 * it, without an edit here; the parser still has to be taught where it goes
 * (test/syntax/grammar-coverage.test.ts says so).
 */
export type TokenKind = number;

/** Langium's token name of each kind, indexed by kind: terminals, the grammar's keywords, then the hidden comments. */
export const TOKEN_NAMES: readonly string[] = ['EOF', 'ID', 'STRING', ...KEYWORDS.all, 'ML_COMMENT', 'SL_COMMENT'];

// Sets of kinds are bit masks in a 32-bit integer.
if (TOKEN_NAMES.length > 31) throw new Error(`fast parser: ${TOKEN_NAMES.length} token kinds do not fit the 31-bit kind sets of token-kinds.ts`);

/** The kind of a token name; throws when the grammar no longer has the keyword. */
export function kindOf(name: string): TokenKind {
    const kind = TOKEN_NAMES.indexOf(name);
    if (kind < 0) throw new Error(`fast parser: the grammar has no token ${name}`);
    return kind;
}

export const EOF = kindOf('EOF');
export const ID = kindOf('ID');
export const STRING = kindOf('STRING');
export const LBRACE = kindOf('{');
export const RBRACE = kindOf('}');
export const ARROW = kindOf('->');
export const PROTOCOL = kindOf('protocol');
export const CLIENT = kindOf('client');
export const SERVER = kindOf('server');
export const INITIAL = kindOf('initial');
export const STATE = kindOf('state');
export const END = kindOf('end');
export const CALL = kindOf('call');
export const DISPATCH = kindOf('dispatch');
export const AWAIT = kindOf('await');
export const INVOKE = kindOf('invoke');
export const RAISE = kindOf('raise');
export const ON = kindOf('on');
/** Hidden tokens: kept for the CST (comments are leaf nodes), never seen by the parser. */
export const ML_COMMENT = kindOf('ML_COMMENT');
export const SL_COMMENT = kindOf('SL_COMMENT');

/**
 * The word keywords by length and first character: the scanner's lookup for
 * an identifier-shaped word, one array access and a comparison or two.
 */
const WORD_KINDS: Array<Array<Array<{ text: string; kind: TokenKind }> | undefined> | undefined> = [];
for (const text of KEYWORDS.words) {
    const byFirst = WORD_KINDS[text.length] ??= [];
    (byFirst[text.charCodeAt(0)] ??= []).push({ text, kind: kindOf(text) });
}

/** The keyword spelled by text[start, end), or ID. */
export function wordKind(text: string, start: number, end: number): TokenKind {
    const candidates = WORD_KINDS[end - start]?.[text.charCodeAt(start)];
    if (candidates) for (const { text: keyword, kind } of candidates) if (text.startsWith(keyword, start)) return kind;
    return ID;
}

/** A set of kinds as a bit mask. */
export function kinds(...members: TokenKind[]): number {
    let mask = 0;
    for (const kind of members) mask |= 1 << kind;
    return mask;
}

export function inSet(mask: number, kind: TokenKind): boolean {
    return (mask & (1 << kind)) !== 0;
}
