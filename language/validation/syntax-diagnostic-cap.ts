import type { Diagnostic } from 'vscode-languageserver';

/**
 * The most syntax diagnostics a file reports. A file that is not a spec at all
 * (a README given by mistake, a line of 100,000 stray characters) has an error
 * on every line; past the first hundred, more rows only cost time and hide
 * nothing the user can act on before fixing the first.
 */
export const MAX_SYNTAX_DIAGNOSTICS = 100;

/**
 * Keeps the first MAX_SYNTAX_DIAGNOSTICS syntax diagnostics (by position) and
 * puts one "and N more" diagnostic, at the first one left out, in place of the
 * rest. Other diagnostics pass through in their order.
 */
export function capSyntaxDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
    const syntax = diagnostics.filter(d => d.code === 'syntax');
    if (syntax.length <= MAX_SYNTAX_DIAGNOSTICS) return diagnostics;
    syntax.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    const kept = syntax.slice(0, MAX_SYNTAX_DIAGNOSTICS);
    const firstLeftOut = syntax[MAX_SYNTAX_DIAGNOSTICS];
    const more = syntax.length - MAX_SYNTAX_DIAGNOSTICS;
    const summary: Diagnostic = {
        ...firstLeftOut,
        message: `and ${more} more syntax ${more === 1 ? 'error' : 'errors'} from here on: only the first ${MAX_SYNTAX_DIAGNOSTICS} of a file are reported (is this an .rpcstate file?)`,
    };
    return [...kept, summary, ...diagnostics.filter(d => d.code !== 'syntax')];
}
