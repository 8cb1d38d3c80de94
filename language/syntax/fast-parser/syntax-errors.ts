import type { IParserErrorMessageProvider, IRecognitionException, IToken, TokenType } from 'chevrotain';
import type { TokenBuffer } from './lexer.js';
import type { TokenKind } from './token-kinds.js';
import { EOF, TOKEN_NAMES } from './token-kinds.js';

/**
 * Parse errors in the shape Chevrotain gives them to Langium (`parserErrors`
 * of a ParseResult): the message comes from the language's
 * `ParserErrorMessageProvider` (language/syntax/syntax-messages.ts) with the
 * same arguments Chevrotain passes, so both parsers word an error alike; the
 * token is a Chevrotain-style token (1-based lines, inclusive end column), and
 * at the end of the file it is Chevrotain's EOF token (positions -1), which
 * Langium's validator replaces by the end of `previousToken`.
 */
export class SyntaxErrorFactory {
    readonly errors: IRecognitionException[] = [];
    private readonly eofType: TokenType;

    constructor(
        private readonly text: string,
        private readonly tokens: TokenBuffer,
        private readonly tokenTypes: Record<string, TokenType>,
        private readonly messages: IParserErrorMessageProvider,
    ) {
        // Chevrotain's EOF token type, as far as anyone reads it (the message provider reads the name).
        this.eofType = { name: 'EOF', tokenTypeIdx: 1, CATEGORIES: [], categoryMatches: [], categoryMatchesMap: {}, isParent: false } as unknown as TokenType;
    }

    /**
     * The token at `index` as Chevrotain's IToken. Past the last token, and at
     * -1 (Chevrotain's LA(0) before the first token), Chevrotain's EOF token,
     * whose positions are all -1.
     */
    token(index: number): IToken {
        const tokens = this.tokens;
        if (index < 0 || index >= tokens.count) {
            return { image: '', startOffset: -1, endOffset: -1, startLine: -1, endLine: -1, startColumn: -1, endColumn: -1, tokenTypeIdx: 1, tokenType: this.eofType };
        }
        const start = tokens.starts[index];
        const end = tokens.ends[index];
        const tokenType = this.tokenType(tokens.kinds[index]);
        return {
            image: this.text.substring(start, end),
            startOffset: start,
            endOffset: end - 1,
            startLine: tokens.lines[index] + 1,
            endLine: tokens.lines[index] + 1,
            startColumn: tokens.columns[index] + 1,
            endColumn: tokens.columns[index] + end - start,
            tokenTypeIdx: tokenType.tokenTypeIdx ?? 0,
            tokenType,
        };
    }

    tokenType(kind: TokenKind): TokenType {
        return kind === EOF ? this.eofType : this.tokenTypes[TOKEN_NAMES[kind]];
    }

    /** A token of kind `expected` was wanted at `actual`; `previous` is the token before (Chevrotain's LA(0)). */
    mismatch(expected: TokenKind, actual: number, previous: number, ruleStack: readonly string[]): void {
        const actualToken = this.token(actual);
        const previousToken = this.token(previous);
        const message = this.messages.buildMismatchTokenMessage({
            expected: this.tokenType(expected), actual: actualToken, previous: previousToken, ruleName: ruleStack[ruleStack.length - 1],
        });
        this.errors.push(recognitionException('MismatchedTokenException', message, actualToken, ruleStack, previousToken));
    }

    /** The entry rule ended before the text did. */
    notAllInputParsed(firstRedundant: number, ruleStack: readonly string[]): void {
        const token = this.token(firstRedundant);
        const message = this.messages.buildNotAllInputParsedMessage({ firstRedundant: token, ruleName: ruleStack[0] });
        this.errors.push(recognitionException('NotAllInputParsedException', message, token, ruleStack));
    }
}

/** A plain object rather than an Error: capturing a stack trace per error would cost more than the parse of a line. */
function recognitionException(name: string, message: string, token: IToken, ruleStack: readonly string[], previousToken?: IToken): IRecognitionException {
    const error: IRecognitionException & { previousToken?: IToken } = {
        name, message, token, resyncedTokens: [], context: { ruleStack: [...ruleStack], ruleOccurrenceStack: ruleStack.map(() => 0) },
    };
    if (previousToken) error.previousToken = previousToken;
    return error;
}
