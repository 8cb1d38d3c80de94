import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Severity } from '../analysis/diagnostic-codes.js';
import { codeDocumentationUrl } from '../analysis/diagnostic-codes.js';
import type { Finding } from '../analysis/finding.js';

/**
 * A finding as the LSP diagnostic the language server publishes: the code
 * (also in `data`, which code actions read back), a link to its documentation,
 * and the offending path as related information, one location per step.
 */
export function findingToDiagnostic(finding: Finding, uri: string): Diagnostic {
    return {
        severity: LSP_SEVERITY[finding.severity],
        range: finding.range,
        message: finding.message,
        code: finding.code,
        codeDescription: { href: codeDocumentationUrl(finding.code) },
        source: 'rpcstate',
        ...(finding.path ? { relatedInformation: finding.path.map(step => ({ location: { uri, range: step.range }, message: step.message })) } : {}),
        data: { code: finding.code },
    };
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error,
    warning: DiagnosticSeverity.Warning,
    info: DiagnosticSeverity.Information,
};
