import type { LangiumDocument, MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeAction, CodeActionParams, Command, Diagnostic } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { DiagnosticCode } from '../../language/analysis/diagnostic-codes.js';
import type { Protocol } from '../../language/generated/ast.js';
import type { ProtocolAnalyzer } from '../../language/pipeline/protocol-analyzer.js';
import type { ProtocolModel } from '../../language/model/machine-model.js';
import { sameRange } from '../../language/model/source-range.js';
import type { RpcstateLspServices } from '../rpcstate-lsp-module.js';
import type { CompositionDiagnostics } from './composition-diagnostics.js';
import { findingFixes, hasFindingFixes, suppressionFixes } from '../../language/fixes/finding-fixes.js';
import { fixProcedureMismatch } from '../../language/fixes/procedure-fixes.js';
import type { QuickFix } from '../../language/fixes/quick-fix.js';
import { SourceText } from '../../language/fixes/source-text.js';

/**
 * Quick fixes, keyed by the diagnostic's code; which fixes and their edits
 * are language/fixes/' (`rpcstate check --fix` applies the same edits). The
 * diagnostic the editor sends back is matched to the analysis' finding of
 * the same code and range (so a stale diagnostic gets no fix), and the fix
 * is computed from the current model: the edits always fit the text they
 * are applied to.
 */
export class RpcstateCodeActionProvider implements CodeActionProvider {
    private readonly analyzer: ProtocolAnalyzer;
    private readonly composition: CompositionDiagnostics;

    constructor(services: RpcstateLspServices) {
        this.analyzer = services.analysis.ProtocolAnalyzer;
        this.composition = services.composition.CompositionDiagnostics;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction> | undefined> {
        const only = params.context.only;
        if (only && !only.some(kind => CodeActionKind.QuickFix.startsWith(kind))) return undefined;
        const actions: CodeAction[] = [];
        // The fixes first, then "ignore it here": fixing is the better choice.
        const suppressions = suppressionActions(document, params.context.diagnostics);
        const diagnostics = params.context.diagnostics.filter(d => hasFindingFixes(codeOf(d) ?? 'syntax'));
        const deadlocks = params.context.diagnostics.filter(d => codeOf(d) === 'protocol-deadlock');
        if (diagnostics.length === 0 && deadlocks.length === 0) return suppressions;
        const { model, analysis } = this.analyzer.analyze(document.parseResult.value as Protocol);
        const text = new SourceText(document.textDocument.getText());
        for (const diagnostic of diagnostics) {
            const code = codeOf(diagnostic)!;
            const finding = analysis.findings.find(f => f.code === code && sameRange(f.range, diagnostic.range));
            if (!finding) continue;
            for (const fix of findingFixes({ finding, model, analysis, text })) actions.push(codeAction(document, diagnostic, fix));
        }
        if (deadlocks.length === 0) return [...actions, ...suppressions];
        return this.deadlockFixes(document, deadlocks, model).then(fixes => [...actions, ...fixes, ...suppressions]);
    }

    /** protocol-deadlock comes from the client × server check, which runs after validation: its fixes wait for it. */
    private async deadlockFixes(document: LangiumDocument, diagnostics: readonly Diagnostic[], model: ProtocolModel): Promise<CodeAction[]> {
        const report = await this.composition.report(document);
        const actions: CodeAction[] = [];
        for (const diagnostic of diagnostics) {
            const trace = report?.deadlocks.find(d => sameRange(d.finding.range, diagnostic.range));
            for (const fix of trace ? fixProcedureMismatch(trace, model) : []) actions.push(codeAction(document, diagnostic, fix));
        }
        return actions;
    }
}

function codeAction(document: LangiumDocument, diagnostic: Diagnostic, fix: QuickFix): CodeAction {
    return {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred === true,
        edit: { changes: { [document.textDocument.uri]: [...fix.edits] } },
    };
}

/** "Ignore CODE on this line" for every diagnostic of ours but a syntax error; "Remove the unused suppression" for an unused one. */
function suppressionActions(document: LangiumDocument, diagnostics: readonly Diagnostic[]): CodeAction[] {
    const text = document.textDocument.getText();
    const actions: CodeAction[] = [];
    for (const diagnostic of diagnostics) {
        const code = codeOf(diagnostic);
        if (!code || diagnostic.source !== 'rpcstate') continue;
        for (const fix of suppressionFixes(text, code, diagnostic.range)) actions.push(codeAction(document, diagnostic, fix));
    }
    return actions;
}

/** Diagnostics carry their code both as `code` and as `data.code`; clients may drop either. */
function codeOf(diagnostic: Diagnostic): DiagnosticCode | undefined {
    const data = diagnostic.data as { code?: unknown } | undefined;
    const code = typeof data?.code === 'string' ? data.code : diagnostic.code;
    return typeof code === 'string' ? code as DiagnosticCode : undefined;
}
