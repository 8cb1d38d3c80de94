import type { ParseResult, ValidationOptions } from 'langium';
import { DefaultDocumentValidator } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { asSyntaxDiagnostic } from './finding-diagnostics.js';

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

    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const own: Diagnostic[] = [];
        super.processParsingErrors(parseResult, own, options);
        for (const diagnostic of own) diagnostics.push(asSyntaxDiagnostic(diagnostic));
    }

    protected override processLinkingErrors(): void {
        // Reported by the analysis as unknown-state.
    }
}
