import type { TokenType } from 'chevrotain';
import type { AstNode, LangiumCoreServices, LangiumParser, ParseResult, ParserOptions } from 'langium';
import { DefaultValueConverter } from 'langium';
import { createSafeLangiumParser } from '../safe-cst-builder.js';
import type { RpcstateGrammarElements } from './grammar-elements.js';
import { rpcstateGrammarElements } from './grammar-elements.js';
import { scanRpcstate } from './lexer.js';
import type { RootText, TextEdit } from './machine-reparse.js';
import { placeScannedText, reparseChangedMachine, textEdit } from './machine-reparse.js';
import { RecursiveDescentParser } from './recursive-descent-parser.js';
import type { MachineTokenParser } from './state-reparse.js';
import { reparseChangedState } from './state-reparse.js';
import { SyntaxErrorFactory } from './syntax-errors.js';

/**
 * Langium's `parser.LangiumParser` service, implemented by the hand-written
 * scanner and recursive-descent parser of this folder: the same ParseResult
 * (AST, CST, lexer and parser errors) as the Chevrotain parser Langium
 * generates from the grammar, several times faster and with far less garbage.
 * `test/syntax/fast-parser-equivalence.test.ts` holds the two to the same
 * output. Completion keeps Langium's own `CompletionParser`; a parse of
 * another rule than the entry rule (`options.rule`) goes to Chevrotain.
 */
export class FastRpcstateParser {
    private chevrotain: LangiumParser | undefined;
    private grammarElements: RpcstateGrammarElements | undefined;
    private tokenTypeTable: Record<string, TokenType> | undefined;

    constructor(private readonly services: LangiumCoreServices) {}

    parse<T extends AstNode = AstNode>(input: string, options: ParserOptions = {}): ParseResult<T> {
        // The fast parser converts values as Langium's default converter does; another converter is Chevrotain's to apply.
        if ((options.rule !== undefined && options.rule !== 'Protocol') || !this.defaultConversion()) {
            return (this.chevrotain ??= createSafeLangiumParser(this.services)).parse<T>(input, options);
        }
        const { parser } = this.services;
        const scanned = scanRpcstate(input, parser.LexerErrorMessageProvider);
        const errors = new SyntaxErrorFactory(input, scanned.tokens, this.tokenTypes(), parser.ParserErrorMessageProvider);
        const result = new RecursiveDescentParser(
            { text: input, tokens: scanned.tokens, hidden: scanned.hidden, errors },
            { grammar: this.elements(), tokenTypes: this.tokenTypes(), linker: this.services.references.Linker },
        ).parse();
        return {
            value: result.value as T,
            lexerErrors: scanned.errors,
            lexerReport: parser.TokenBuilder.flushLexingReport?.(input),
            parserErrors: result.parserErrors,
        };
    }

    /**
     * The parse of `text`, the new text of the document whose previous parse
     * is `previous`, re-parsing only the state the edit changed
     * (state-reparse.ts), or else only its machine (machine-reparse.ts), when
     * that gives what a whole parse gives; undefined otherwise. `previous` is reused and must not be read afterwards.
     */
    reparse(previous: ParseResult, text: string): ParseResult | undefined {
        const oldText = (previous.value.$cstNode?.root as { fullText?: string } | undefined)?.fullText;
        const edit = oldText === undefined ? undefined : textEdit(oldText, text);
        return edit && this.reparseEdit(previous, edit, text);
    }

    /**
     * The same for an edit the caller knows (the language server's log of
     * edits, so neither text need be one string): `newText` becomes the
     * root's text, made a string when someone reads it whole.
     */
    reparseEdit(previous: ParseResult, edit: TextEdit, newText: RootText): ParseResult | undefined {
        if (!this.defaultConversion()) return undefined;
        return reparseChangedState(previous, edit, newText, this.machineTokenParser()) ?? reparseChangedMachine(previous, edit, newText, (input, line, column) => {
            const { parser } = this.services;
            const scanned = scanRpcstate(input, parser.LexerErrorMessageProvider);
            if (scanned.errors.length > 0) return undefined;
            const placed = placeScannedText(scanned, 0, line, column);
            const errors = new SyntaxErrorFactory(input, placed.tokens, this.tokenTypes(), parser.ParserErrorMessageProvider);
            return new RecursiveDescentParser(
                { text: input, tokens: placed.tokens, hidden: placed.hidden, errors },
                { grammar: this.elements(), tokenTypes: this.tokenTypes(), linker: this.services.references.Linker },
            ).parseMachine();
        });
    }

    /** Scans a piece of text, and parses tokens as one machine, for state-reparse.ts. */
    private machineTokenParser(): MachineTokenParser {
        const { parser } = this.services;
        return {
            scan: input => scanRpcstate(input, parser.LexerErrorMessageProvider),
            parseMachine: (input, tokens, hidden) => new RecursiveDescentParser(
                { text: input, tokens, hidden, errors: new SyntaxErrorFactory(input, tokens, this.tokenTypes(), parser.ParserErrorMessageProvider) },
                { grammar: this.elements(), tokenTypes: this.tokenTypes(), linker: this.services.references.Linker },
            ).parseMachine(),
        };
    }

    private defaultConversion(): boolean {
        return Object.getPrototypeOf(this.services.parser.ValueConverter) === DefaultValueConverter.prototype;
    }

    private elements(): RpcstateGrammarElements {
        return this.grammarElements ??= rpcstateGrammarElements(this.services.Grammar);
    }

    /** The token types of Langium's lexer, so leaf nodes carry the very objects a Chevrotain parse would. */
    private tokenTypes(): Record<string, TokenType> {
        return this.tokenTypeTable ??= this.services.parser.Lexer.definition;
    }
}

/** Which parser the `parser.LangiumParser` service is: the fast one, unless `RPCSTATE_PARSER=chevrotain`. */
export type RpcstateParserKind = 'fast' | 'chevrotain';

export function configuredParserKind(): RpcstateParserKind {
    const chosen = typeof process === 'undefined' ? undefined : process.env.RPCSTATE_PARSER;
    return chosen === 'chevrotain' ? 'chevrotain' : 'fast';
}

/** The `parser.LangiumParser` service: the fast parser, or Langium's Chevrotain parser for comparison. */
export function createRpcstateParser(services: LangiumCoreServices, kind: RpcstateParserKind = configuredParserKind()): LangiumParser {
    if (kind === 'chevrotain') return createSafeLangiumParser(services);
    // The services only ever call `parse`; the class has none of Chevrotain's internals the type declares.
    return new FastRpcstateParser(services) as unknown as LangiumParser;
}
