import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { LangiumParserErrorMessageProvider } from 'langium';
import type { KindKeyword } from './keywords.js';
import { KEYWORDS } from './keywords.js';

/**
 * Parse errors that read like a person wrote them: "expected `->` and a
 * target state after `on success`" rather than a dump of token types. The
 * parser tells us the rule it was in, the token it wanted, the token it found
 * and the one before; that is enough context for every case below.
 */
export class RpcstateParserErrorMessageProvider extends LangiumParserErrorMessageProvider implements IParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        return mismatchMessage(tokenWant(options.expected), options.actual, options.previous, grammarRule(options.ruleName));
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return `${TRAILING_INPUT}: unexpected ${found(options.firstRedundant)}; after the protocol header only \`client NAME { ... }\` and \`server NAME { ... }\` machines may follow.`;
    }

    override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; ruleName: string }): string {
        const wants = unique(options.expectedPathsPerAlt.flatMap(alt => alt.map(path => path[0])).filter(Boolean).map(tokenWant));
        return alternativesMessage(wants, options.actual[0], options.previous, grammarRule(options.ruleName));
    }

    override buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; ruleName: string }): string {
        const wants = unique(options.expectedIterationPaths.map(path => path[0]).filter(Boolean).map(tokenWant));
        return alternativesMessage(wants, options.actual[0], options.previous, grammarRule(options.ruleName));
    }
}

/** How every "the file should have ended here" message starts: a cascade marker for the validator. */
export const TRAILING_INPUT = 'Text after the end of the protocol';

/** Langium decorates Chevrotain's rule names (e.g. with a zero-width suffix): keep the grammar's name. */
function grammarRule(ruleName: string): string {
    return ruleName.replace(/[^\w]/g, '');
}

/** A token type as a reader knows it: `->`, `state`, a name, a description. */
function tokenWant(type: TokenType): string {
    const name = type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name;
    switch (name) {
        case 'ID': return 'a name';
        case 'STRING': return 'a description in double quotes';
        case 'EOF': return 'the end of the file';
        default: return `\`${name}\``;
    }
}

const RESERVED = new Set(KEYWORDS.words);

/** What the messages call the name an action or effect keyword requires; `NAME` for one not listed. */
const NAME_PLACEHOLDER: Readonly<Record<string, string>> = { await: 'EVENT', invoke: 'FUNCTION' };

/** `call`, `dispatch`, `await EVENT`, ...: the grammar's kind keywords as a message lists them. */
function kindList(keywords: readonly KindKeyword[]): string {
    return orList(keywords.map(({ keyword, named }) => `\`${keyword}${named ? ` ${NAME_PLACEHOLDER[keyword] ?? 'NAME'}` : ''}\``));
}

function found(token: IToken | undefined): string {
    if (!token || token.tokenType?.name === 'EOF' || token.image === undefined || token.image === '') return 'end of file';
    return RESERVED.has(token.image) ? `keyword \`${token.image}\`` : `\`${token.image}\``;
}

function unique<T>(items: T[]): T[] {
    return [...new Set(items)];
}

function orList(items: string[]): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The reserved-word hint, when a keyword stands where a name was wanted. */
function keywordAsName(want: string, actual: IToken): string {
    return want === 'a name' && RESERVED.has(actual.image) ? ` \`${actual.image}\` is a keyword and cannot be used as a name.` : '';
}

function mismatchMessage(want: string, actual: IToken, previous: IToken | undefined, rule: string): string {
    const prev = previous?.image;
    const tail = `, found ${found(actual)}.${keywordAsName(want, actual)}`;
    if (want === '`->`' && rule === 'Transition') {
        // `previous` is one token: a name before the missing `->` may follow `on` (an outcome) or
        // `invoke` (an effect), so the message quotes the name alone rather than guess which.
        return `Expected \`->\` and a target state after \`${prev ?? 'on'}\`${tail}`;
    }
    if (want === 'a name') {
        switch (prev) {
            case '->': return `Expected a target state after \`->\`${tail}`;
            case 'on': return `Expected an outcome name after \`on\` (for example \`on success\`)${tail}`;
            case 'state': return `Expected a state name after \`state\`${tail}`;
            case 'client': case 'server': return `Expected a machine name after \`${prev}\`${tail}`;
            case 'protocol': return `Expected the protocol's name after \`protocol\`${tail}`;
            case 'invoke': return `Expected a catalog function after \`invoke\` (for example \`invoke RpcAsyncCompleteCall\`)${tail}`;
            case 'await': return `Expected an event after \`await\` (for example \`await RpcCallComplete\`)${tail}`;
        }
    }
    if (want === '`{`') {
        if (rule === 'Machine') return `Expected \`{\` to open the body of machine ${prev ?? ''}${tail}`;
        if (rule === 'State') return `Expected \`{\` to open the body of the state (only an \`end state\` has no body)${tail}`;
    }
    if (want === '`}`') {
        if (rule === 'State') return `Expected \`}\` to close the state${tail} A state holds one action, then transitions \`on OUTCOME -> STATE\`.`;
        if (rule === 'Machine') return `Expected \`}\` to close the machine${tail} A machine holds states only.`;
    }
    if (want === '`state`') return `Expected \`state\` after \`${prev}\`${tail}`;
    if (want === '`protocol`') return `A file starts with \`protocol NAME\`${tail}`;
    if (want === 'the end of the file') {
        return `${TRAILING_INPUT}: found ${found(actual)}. After the protocol header only \`client NAME { ... }\` and \`server NAME { ... }\` machines may follow; if this belongs to a machine above, a \`}\` too many closed it early.`;
    }
    return `Expected ${want}${prev ? ` after \`${prev}\`` : ''}${tail}`;
}

function alternativesMessage(wants: string[], actual: IToken | undefined, previous: IToken | undefined, rule: string): string {
    const prev = previous?.image;
    const tail = `, found ${found(actual)}.`;
    switch (rule) {
        case 'Side':
        case 'Machine': return `Expected \`client\` or \`server\` to start a machine${tail}`;
        case 'State': return `Expected a state (\`state\`, \`initial state\` or \`end state\`)${tail}`;
        case 'Action': return `Expected an action (${kindList(KEYWORDS.actions)})${tail}`;
        case 'Effect': return `Expected an effect after \`${prev}\` (${kindList(KEYWORDS.effects)})${tail}`;
        case 'Transition': return `Expected a transition (\`on OUTCOME -> STATE\` or \`-> STATE\`)${tail}`;
    }
    return `Expected ${orList(wants)}${prev ? ` after \`${prev}\`` : ''}${tail}`;
}

/** Lexer errors: name the character, and the usual cause. */
export class RpcstateLexerErrorMessageProvider {
    buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const text = fullText.substring(startOffset, startOffset + Math.min(length, 20));
        const shown = JSON.stringify(text).slice(1, -1);
        if (text.startsWith('"')) {
            return `Unterminated description: a string in double quotes must close on the same line.`;
        }
        return `Unexpected character${length > 1 ? 's' : ''} \`${shown}\`: names are letters, digits and \`_\`; descriptions go in double quotes.`;
    }

    buildUnableToPopLexerModeMessage(token: IToken): string {
        return `Unexpected \`${token.image}\`.`;
    }
}
