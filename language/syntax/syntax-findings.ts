import type { ParseResult } from 'langium';
import { CstUtils } from 'langium';
import type { Finding } from '../analysis/finding.js';
import { finding } from '../analysis/finding.js';
import type { SourceRange } from '../model/source-range.js';
import { TRAILING_INPUT } from './syntax-messages.js';

type ParserError = ParseResult['parserErrors'][number];

/**
 * The lexer's and the parser's errors as `syntax` findings, the same data the
 * analysis reports, so that the language server and the CLI format both alike.
 *
 * Error recovery makes one mistake look like several: the first parse error
 * of each line is kept (none on a line whose characters the lexer already
 * rejected), and "text after the end" is dropped when an earlier error
 * explains why the parser stopped there.
 */
export function syntaxFindings(parseResult: ParseResult): Finding[] {
    const findings: Finding[] = [];
    const lines = new Set<number>();
    for (const error of [...parseResult.lexerErrors, ...parseResult.lexerReport?.diagnostics ?? []]) {
        const line = (error.line ?? 1) - 1;
        const column = (error.column ?? 1) - 1;
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
    return findings;
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
