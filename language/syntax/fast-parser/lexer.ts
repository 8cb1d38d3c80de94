import type { ILexingError } from 'chevrotain';
import type { TokenKind } from './token-kinds.js';
import {
    ARROW, LBRACE, ML_COMMENT, RBRACE, SL_COMMENT, STRING, wordKind,
} from './token-kinds.js';

/** Builds the message of a run of characters no token matches (Langium's `LexerErrorMessageProvider`). */
export interface UnexpectedCharactersMessages {
    buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number, line?: number, column?: number): string;
}

/**
 * Tokens in parallel typed arrays rather than one object per token: a 12 MB
 * file has about two million tokens, and objects for them would be most of the
 * parser's garbage. Lines and columns are 0-based (the CST's convention); a
 * visible token never spans lines, so its end is `column + (end - start)`.
 */
export class TokenBuffer {
    count = 0;
    kinds: Uint8Array;
    starts: Int32Array;
    ends: Int32Array;
    lines: Int32Array;
    columns: Int32Array;

    constructor(capacity: number) {
        this.kinds = new Uint8Array(capacity);
        this.starts = new Int32Array(capacity);
        this.ends = new Int32Array(capacity);
        this.lines = new Int32Array(capacity);
        this.columns = new Int32Array(capacity);
    }

    push(kind: TokenKind, start: number, end: number, line: number, column: number): void {
        if (this.count === this.kinds.length) this.grow();
        const i = this.count++;
        this.kinds[i] = kind;
        this.starts[i] = start;
        this.ends[i] = end;
        this.lines[i] = line;
        this.columns[i] = column;
    }

    private grow(): void {
        const capacity = this.kinds.length * 2 + 16;
        const kinds = new Uint8Array(capacity); kinds.set(this.kinds); this.kinds = kinds;
        const starts = new Int32Array(capacity); starts.set(this.starts); this.starts = starts;
        const ends = new Int32Array(capacity); ends.set(this.ends); this.ends = ends;
        const lines = new Int32Array(capacity); lines.set(this.lines); this.lines = lines;
        const columns = new Int32Array(capacity); columns.set(this.columns); this.columns = columns;
    }
}

/** A comment: hidden from the parser, but a leaf of the CST. A block comment may span lines. */
export interface HiddenToken {
    readonly kind: TokenKind;
    readonly start: number;
    readonly end: number;
    readonly line: number;
    readonly column: number;
    readonly endLine: number;
    readonly endColumn: number;
}

export interface ScannedText {
    readonly tokens: TokenBuffer;
    readonly hidden: HiddenToken[];
    /** Like Chevrotain's: 1-based line and column, one error per run of rejected characters. */
    readonly errors: ILexingError[];
}

/**
 * The scanner for exactly the terminals of `rpcstate.langium`, with the
 * behaviour of Langium's Chevrotain lexer: keywords are reserved unless a
 * longer name matches (`stateX` is a name), whitespace is skipped, comments are
 * hidden tokens, and after a character no token can start with, characters are
 * dropped up to the next place where some token can start (one error for the
 * run). Lines end at `\n`, `\r\n` or `\r`, as for Chevrotain and LSP.
 */
export function scanRpcstate(text: string, messages: UnexpectedCharactersMessages): ScannedText {
    const n = text.length;
    const tokens = new TokenBuffer(Math.floor(n / 6) + 64);
    const hidden: HiddenToken[] = [];
    const errors: ILexingError[] = [];
    // `*/` searched from an offset and not found is not found from any later offset either:
    // remembering that keeps a file of many unclosed `/*` linear.
    let noCommentEndFrom = Infinity;
    const commentEnd = (from: number): number => {
        if (from >= noCommentEndFrom) return -1;
        const found = text.indexOf('*/', from);
        if (found < 0) noCommentEndFrom = from;
        return found;
    };
    const canStartToken = (at: number): boolean => {
        const c = text.charCodeAt(at);
        if (isIdStart(c) || isWhitespace(c) || c === 123 || c === 125) return true;
        const next = text.charCodeAt(at + 1);
        if (c === 45) return next === 62;
        if (c === 47) return next === 47 || (next === 42 && commentEnd(at + 2) >= 0);
        if (c === 34) return stringEnd(text, at) >= 0;
        return false;
    };

    let i = 0;
    let line = 0;
    let lineStart = 0;
    while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 32 || c === 9) { i++; continue; }
        if (c === 10) { i++; line++; lineStart = i; continue; }
        if (c === 13) {
            i++;
            if (text.charCodeAt(i) === 10) i++;
            line++;
            lineStart = i;
            continue;
        }
        if (isIdStart(c)) {
            let j = i + 1;
            while (j < n && isIdPart(text.charCodeAt(j))) j++;
            tokens.push(wordKind(text, i, j), i, j, line, i - lineStart);
            i = j;
            continue;
        }
        if (c === 123 || c === 125) {
            tokens.push(c === 123 ? LBRACE : RBRACE, i, i + 1, line, i - lineStart);
            i++;
            continue;
        }
        if (c === 34) {
            const end = stringEnd(text, i);
            if (end > 0) {
                tokens.push(STRING, i, end, line, i - lineStart);
                i = end;
                continue;
            }
        } else if (c === 45) {
            if (text.charCodeAt(i + 1) === 62) {
                tokens.push(ARROW, i, i + 2, line, i - lineStart);
                i += 2;
                continue;
            }
        } else if (c === 47) {
            const next = text.charCodeAt(i + 1);
            if (next === 47) {
                let j = i + 2;
                for (let d = text.charCodeAt(j); j < n && d !== 10 && d !== 13; d = text.charCodeAt(++j));
                hidden.push({ kind: SL_COMMENT, start: i, end: j, line, column: i - lineStart, endLine: line, endColumn: j - lineStart });
                i = j;
                continue;
            }
            if (next === 42) {
                const close = commentEnd(i + 2);
                if (close >= 0) {
                    const end = close + 2;
                    const startLine = line;
                    const startColumn = i - lineStart;
                    for (let j = i + 2; j < close; j++) {
                        const d = text.charCodeAt(j);
                        if (d === 10 || d === 13) {
                            if (d === 13 && text.charCodeAt(j + 1) === 10) j++;
                            line++;
                            lineStart = j + 1;
                        }
                    }
                    hidden.push({ kind: ML_COMMENT, start: i, end, line: startLine, column: startColumn, endLine: line, endColumn: end - lineStart });
                    i = end;
                    continue;
                }
            }
        } else if (isWhitespace(c)) {
            i++;
            continue;
        }
        // No token starts here: drop characters up to the next place where one can.
        const start = i;
        i++;
        while (i < n && !canStartToken(i)) i++;
        errors.push({
            offset: start,
            line: line + 1,
            column: start - lineStart + 1,
            length: i - start,
            message: messages.buildUnexpectedCharactersMessage(text, start, i - start, line + 1, start - lineStart + 1),
        });
    }
    return { tokens, hidden, errors };
}

/** The offset after the closing quote of the string starting at `at`, or -1 when it does not close on its line. */
function stringEnd(text: string, at: number): number {
    const n = text.length;
    let j = at + 1;
    while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 34) return j + 1;
        if (c === 10 || c === 13) return -1;
        if (c === 92) {
            const next = text.charCodeAt(j + 1);
            if (j + 1 >= n || next === 10 || next === 13) return -1;
            j += 2;
        } else {
            j++;
        }
    }
    return -1;
}

function isIdStart(c: number): boolean {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isIdPart(c: number): boolean {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** JavaScript's `\s`, which the grammar's WS terminal uses. */
function isWhitespace(c: number): boolean {
    if (c < 128) return c === 32 || (c >= 9 && c <= 13);
    return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
        || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
