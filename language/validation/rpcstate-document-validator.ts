import type { AstReflection, LangiumDocument, ValidationOptions } from 'langium';
import { Cancellation, DefaultDocumentValidator, interruptAndCheck } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import type { ConfigResolver } from '../config/config-resolver.js';
import { configuredFindings } from '../config/configured-findings.js';
import type { RpcstateConfig } from '../config/rpcstate-config.js';
import { ConfigError } from '../config/rpcstate-config.js';
import type { ProtocolAnalyzer } from '../pipeline/protocol-analyzer.js';
import type { RpcstateServices } from '../rpcstate-module.js';
import { findingToDiagnostic } from './finding-diagnostics.js';

/**
 * The language server's adapter from findings to LSP diagnostics. Nothing
 * here decides what is wrong: syntax errors come from `syntaxFindings`, the
 * rest from the analysis (once per parse, through ProtocolAnalyzer), exactly
 * as `documentFindings` gives them to the CLI. Langium's linking errors are
 * not reported: the analysis reports every unresolved target as
 * `unknown-state`, with the contract's wording and location.
 *
 * Syntax errors are Langium's `built-in` category, the analysis `fast`. The
 * language registers no AST checks, so Langium's walk over every node asking
 * for checks (about 130 ms at 5,000 states per machine) is skipped; should a
 * check ever be registered, the walk runs again.
 */
export class RpcstateDocumentValidator extends DefaultDocumentValidator {
    private readonly analyzer: ProtocolAnalyzer;
    private readonly reflection: AstReflection;
    private readonly configs: ConfigResolver;

    constructor(services: RpcstateServices) {
        super(services);
        this.configs = services.config.ConfigResolver;
        this.analyzer = services.analysis.ProtocolAnalyzer;
        this.reflection = services.shared.AstReflection;
    }

    override async validateDocument(document: LangiumDocument, options: ValidationOptions = {}, cancelToken = Cancellation.CancellationToken.None): Promise<Diagnostic[]> {
        await interruptAndCheck(cancelToken);
        const uri = document.uri.toString();
        const config = await this.configOf(document);
        const diagnostics = configuredFindings(document, this.analyzer, config, options.categories).map(finding => findingToDiagnostic(finding, uri));
        if (this.hasAstChecks(options.categories)) diagnostics.push(...await this.validateAst(document.parseResult.value, options, cancelToken));
        await interruptAndCheck(cancelToken);
        return diagnostics;
    }

    /** The document's rpcstate.json; a broken one is reported through the resolver and not applied. */
    private async configOf(document: LangiumDocument): Promise<RpcstateConfig | undefined> {
        if (document.uri.scheme !== 'file' && this.configs.explicitFile === undefined) return undefined;
        try {
            return await this.configs.configFor(document.uri.fsPath);
        } catch (error) {
            if (!(error instanceof ConfigError)) throw error;
            this.configs.reportProblem(error.message);
            return undefined;
        }
    }

    private hasAstChecks(categories: ValidationOptions['categories']): boolean {
        return this.reflection.getAllTypes().some(type => !this.validationRegistry.getChecks(type, categories).isEmpty());
    }
}
