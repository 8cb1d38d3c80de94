import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { DiagnosticCode } from '../analysis/diagnostic-codes.js';
import { codeDocumentationUrl } from '../analysis/diagnostic-codes.js';
import type { Finding } from '../analysis/finding.js';

/** A finding's offending path as LSP related information: one location per step. */
export function pathAsRelatedInformation(finding: Finding, uri: string): DiagnosticRelatedInformation[] | undefined {
    return finding.path?.map(step => ({ location: { uri, range: step.range }, message: step.message }));
}

/**
 * The diagnostic's `data`: its code and, for a client × server interleaving,
 * the machine of each related-information entry (in order), which LSP's
 * related information has no field for. The CLI's SARIF output reads it.
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

export function codeDescription(code: DiagnosticCode): { href: string } {
    return { href: codeDocumentationUrl(code) };
}

/** A lexer or parser diagnostic of Langium's, tagged with the contract's `syntax` code. */
export function asSyntaxDiagnostic(diagnostic: Diagnostic): Diagnostic {
    return { ...diagnostic, code: 'syntax', codeDescription: codeDescription('syntax'), source: 'rpcstate' };
}
