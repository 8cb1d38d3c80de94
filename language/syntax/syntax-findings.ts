import type { ParseResult } from 'langium';
import { CstUtils } from 'langium';
import type { Finding } from '../analysis/finding.js';
import { compareFindings, finding } from '../analysis/finding.js';
import type { SourceRange } from '../model/source-range.js';
import { TRAILING_INPUT } from './syntax-messages.js';

type ParserError = ParseResult['parserErrors'][number];

/**
 * The lexer's and the parser's errors as `syntax` findings, the same data the
 * analysis reports, so that the language server and the CLI format both alike.
 *
 * One mistake can look like many: the first error of each line is kept
 * (`* * * * *` is one error; no parse error on a line whose characters the
 * lexer already rejected), "text after the end" is dropped when an earlier
 * error explains why the parser stopped there, and a file reports at most
 * MAX_SYNTAX_FINDINGS of them (capSyntaxFindings).
 */
export function syntaxFindings(parseResult: ParseResult): Finding[] {
    const findings: Finding[] = [];
    const lines = new Set<number>();
    for (const error of [...parseResult.lexerErrors, ...parseResult.lexerReport?.diagnostics ?? []]) {
        const line = (error.line ?? 1) - 1;
        const column = (error.column ?? 1) - 1;
        if (lines.has(line)) continue;
        lines.add(line);
        findings.push(finding('syntax', error.message, { start: { line, character: column }, end: { line, character: column + error.length } }));
    }
    let first = true;
    for (const error of parseResult.parserErrors) {
        const range = parserErrorRange(error);
        if (!range) continue;
        const cascade = lines.has(range.start.line) || (!first && error.message.startsWith(TRAILING_INPUT));
        first = false;
        lines.add(range.start.line);
        if (!cascade) findings.push(finding('syntax', error.message, range));
    }
    return capSyntaxFindings(findings);
}

/**
 * The most syntax errors a file reports. A file that is not a spec at all
 * (a README given by mistake, thousands of stray lines) has an error on every
 * line; past the first hundred, more rows cost time and hide nothing the user
 * can act on before fixing the first.
 */
export const MAX_SYNTAX_FINDINGS = 100;

/** The first MAX_SYNTAX_FINDINGS by position, then one "and N more" at the first one left out. */
function capSyntaxFindings(findings: Finding[]): Finding[] {
    if (findings.length <= MAX_SYNTAX_FINDINGS) return findings;
    findings.sort(compareFindings);
    const more = findings.length - MAX_SYNTAX_FINDINGS;
    const message = `and ${more} more syntax ${more === 1 ? 'error' : 'errors'} from here on: only the first ${MAX_SYNTAX_FINDINGS} of a file are reported (is this an .rpcstate file?)`;
    return [...findings.slice(0, MAX_SYNTAX_FINDINGS), finding('syntax', message, findings[MAX_SYNTAX_FINDINGS].range)];
}

/**
 * Where a parser error is shown, as Langium places it: on its token, or, when
 * recovery made the token up (offsets -1), just after the token before it, or
 * at the start of a document with no token at all.
 */
function parserErrorRange(error: ParserError): SourceRange | undefined {
    if (CstUtils.isValidTokenRange(error.token)) return CstUtils.tokenToRange(error.token);
    if (!('previousToken' in error)) return undefined;
    const previous = (error as { previousToken: ParserError['token'] }).previousToken;
    const position = CstUtils.isValidTokenRange(previous) ? { line: previous.endLine! - 1, character: previous.endColumn! } : { line: 0, character: 0 };
    return { start: position, end: position };
}
