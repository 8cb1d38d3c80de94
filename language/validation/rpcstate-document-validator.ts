import type { ParseResult, ValidationOptions } from 'langium';
import { DefaultDocumentValidator } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { TRAILING_INPUT } from '../syntax/syntax-messages.js';
import { asSyntaxDiagnostic } from './finding-diagnostics.js';

function messageText(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/**
 * Lexer and parser errors become `syntax` diagnostics; Langium's linking
 * errors are dropped because the analysis reports every unresolved target as
 * `unknown-state`, with the contract's wording and location.
 */
export class RpcstateDocumentValidator extends DefaultDocumentValidator {
    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const own: Diagnostic[] = [];
        super.processLexingErrors(parseResult, own, options);
        for (const diagnostic of own) diagnostics.push(asSyntaxDiagnostic(diagnostic));
    }

    /**
     * Error recovery makes one mistake look like several: keep the first
     * parse error of each line (none on a line whose characters the lexer
     * already rejected), and drop "text after the end" when an earlier error
     * explains why the parser stopped there.
     */
    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const own: Diagnostic[] = [];
        super.processParsingErrors(parseResult, own, options);
        const lines = new Set<number>(parseResult.lexerErrors.map(error => (error.line ?? 1) - 1));
        own.forEach((diagnostic, i) => {
            const line = diagnostic.range.start.line;
            const cascade = lines.has(line) || (i > 0 && messageText(diagnostic).startsWith(TRAILING_INPUT));
            lines.add(line);
            if (!cascade) diagnostics.push(asSyntaxDiagnostic(diagnostic));
        });
    }

    protected override processLinkingErrors(): void {
        // Reported by the analysis as unknown-state.
    }
}
