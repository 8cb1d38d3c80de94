import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { DiagnosticCode, Severity } from '../analysis/diagnostic-codes.js';
import { codeDocumentationUrl } from '../analysis/diagnostic-codes.js';
import type { Finding } from '../analysis/finding.js';

/**
 * A finding as the LSP diagnostic the language server publishes: the code
 * (also in `data`, with the interleaving's machines), a link to its documentation,
 * and the offending path as related information, one location per step.
 */
export function findingToDiagnostic(finding: Finding, uri: string): Diagnostic {
    const cached = converted.get(finding);
    if (cached?.uri === uri) return cached.diagnostic;
    const diagnostic = toDiagnostic(finding, uri);
    converted.set(finding, { uri, diagnostic });
    return diagnostic;
}

/**
 * The diagnostics already made, by finding (a record nothing changes): a
 * machine's kept result (kept-machine-results.ts) publishes the very same
 * findings after every edit elsewhere, and at 50,000 states per machine
 * their paths are some 20,000 objects, made anew on every keystroke before.
 */
const converted = new WeakMap<Finding, { readonly uri: string; readonly diagnostic: Diagnostic }>();

function toDiagnostic(finding: Finding, uri: string): Diagnostic {
    return {
        severity: LSP_SEVERITY[finding.severity],
        range: finding.range,
        message: finding.message,
        code: finding.code,
        codeDescription: { href: codeDocumentationUrl(finding.code) },
        source: 'rpcstate',
        ...(finding.path ? { relatedInformation: finding.path.map(step => ({ location: { uri, range: step.range }, message: step.message })) } : {}),
        data: findingData(finding),
    };
}

/**
 * The diagnostic's `data`: its code (which code actions read back) and, for
 * a client × server interleaving, the machine of each related-information
 * entry (in order), which LSP's related information has no field for.
 */
export interface FindingData {
    readonly code: DiagnosticCode;
    readonly interleaving?: readonly string[];
}

export function findingData(finding: Finding): FindingData {
    const steps = finding.path;
    if (!steps || !steps.some(step => step.machine !== undefined)) return { code: finding.code };
    return { code: finding.code, interleaving: steps.map(step => step.machine ?? '') };
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error,
    warning: DiagnosticSeverity.Warning,
    info: DiagnosticSeverity.Information,
};
