/**
 * The token kinds of the .rpcstate grammar as small integers, so the scanner
 * can store a token in typed arrays and the parser can test a kind against a
 * set with one bit operation. The names are the token names of Langium's lexer
 * (`Lexer.definition`), which the CST's leaf nodes and the error messages use.
 */
export const EOF = 0;
export const ID = 1;
export const STRING = 2;
export const LBRACE = 3;
export const RBRACE = 4;
export const ARROW = 5;
export const PROTOCOL = 6;
export const CLIENT = 7;
export const SERVER = 8;
export const INITIAL = 9;
export const STATE = 10;
export const END = 11;
export const CALL = 12;
export const DISPATCH = 13;
export const AWAIT = 14;
export const INVOKE = 15;
export const RAISE = 16;
export const ON = 17;
/** Hidden tokens: kept for the CST (comments are leaf nodes), never seen by the parser. */
export const ML_COMMENT = 18;
export const SL_COMMENT = 19;

export type TokenKind = number;

/** Langium's token name of each kind, indexed by kind. */
export const TOKEN_NAMES: readonly string[] = [
    'EOF', 'ID', 'STRING', '{', '}', '->',
    'protocol', 'client', 'server', 'initial', 'state', 'end', 'call', 'dispatch', 'await', 'invoke', 'raise', 'on',
    'ML_COMMENT', 'SL_COMMENT',
];

/** A set of kinds as a bit mask. */
export function kinds(...members: TokenKind[]): number {
    let mask = 0;
    for (const kind of members) mask |= 1 << kind;
    return mask;
}

export function inSet(mask: number, kind: TokenKind): boolean {
    return (mask & (1 << kind)) !== 0;
}
