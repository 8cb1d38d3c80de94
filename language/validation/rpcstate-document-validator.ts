import type { AstNode, AstReflection, LangiumCoreServices, LangiumDocument, ParseResult, ValidationAcceptor, ValidationOptions } from 'langium';
import { Cancellation, DefaultDocumentValidator } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { TRAILING_INPUT } from '../syntax/syntax-messages.js';
import { asSyntaxDiagnostic } from './finding-diagnostics.js';
import { capSyntaxDiagnostics } from './syntax-diagnostic-cap.js';

function messageText(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/**
 * Lexer and parser errors become `syntax` diagnostics, at most one per line
 * and MAX_SYNTAX_DIAGNOSTICS per file; Langium's linking errors are dropped
 * because the analysis reports every unresolved target as `unknown-state`,
 * with the contract's wording and location.
 */
export class RpcstateDocumentValidator extends DefaultDocumentValidator {
    private readonly reflection: AstReflection;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.reflection = services.shared.AstReflection;
    }

    override async validateDocument(document: LangiumDocument, options: ValidationOptions = {}, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        return capSyntaxDiagnostics(await super.validateDocument(document, options, cancelToken));
    }

    /** The first run of rejected characters on each line: `* * * * *` is one mistake, not five. */
    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const own: Diagnostic[] = [];
        const lines = new Set<number>();
        const lexerErrors = parseResult.lexerErrors.filter(error => !lines.has(error.line ?? 1) && lines.add(error.line ?? 1));
        super.processLexingErrors({ ...parseResult, lexerErrors }, own, options);
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

    /**
     * The language registers its checks on the root (`Protocol`, which runs
     * the whole analysis), so Langium's walk over every AST node asking each
     * for checks finds nothing and costs a pass over the tree per keystroke
     * (about 130 ms at 5,000 states per machine). While no other node type
     * has a check in the requested categories, run the root's checks only;
     * should a per-node check ever be registered, the full walk comes back.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        if (!this.onlyRootHasChecks(rootNode, options.categories)) {
            return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        }
        for (const check of this.validationRegistry.getChecks(rootNode.$type, options.categories)) {
            await check(rootNode, acceptor, cancelToken);
        }
    }

    private onlyRootHasChecks(rootNode: AstNode, categories: ValidationOptions['categories']): boolean {
        return this.reflection.getAllTypes().every(type => type === rootNode.$type || this.validationRegistry.getChecks(type, categories).isEmpty());
    }
}
