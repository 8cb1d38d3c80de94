import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Severity } from '../language/analysis/diagnostic-codes.js';

/** The shape of `rpcstate check --format json`, fixed by the contract. Lines and columns are 1-based. */
export interface ReportedDiagnostic {
    severity: Severity;
    code: string;
    message: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    related: ReportedStep[];
}

/** One related-information entry; `machine` names the machine that takes the step in a client × server interleaving (not part of the JSON format). */
export interface ReportedStep {
    message: string;
    line: number;
    column: number;
    machine?: string;
}

export interface FileReport {
    path: string;
    diagnostics: ReportedDiagnostic[];
}

export interface CheckReport {
    files: FileReport[];
    summary: { files: number; errors: number; warnings: number };
}

export function toReportedDiagnostic(diagnostic: Diagnostic): ReportedDiagnostic {
    const { start, end } = diagnostic.range;
    return {
        severity: reportedSeverity(diagnostic.severity),
        code: typeof diagnostic.code === 'string' ? diagnostic.code : String(diagnostic.code ?? 'syntax'),
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        related: (diagnostic.relatedInformation ?? []).map((info, i) => ({
            message: info.message,
            line: info.location.range.start.line + 1,
            column: info.location.range.start.character + 1,
            ...stepMachine(diagnostic, i),
        })),
    };
}

function stepMachine(diagnostic: Diagnostic, step: number): { machine?: string } {
    const machines = (diagnostic.data as { interleaving?: unknown } | undefined)?.interleaving;
    const machine = Array.isArray(machines) ? machines[step] : undefined;
    return typeof machine === 'string' && machine !== '' ? { machine } : {};
}

function reportedSeverity(severity: DiagnosticSeverity | undefined): Severity {
    switch (severity) {
        case DiagnosticSeverity.Warning: return 'warning';
        case DiagnosticSeverity.Information:
        case DiagnosticSeverity.Hint: return 'info';
        default: return 'error';
    }
}

export function summarize(files: FileReport[]): CheckReport {
    let errors = 0;
    let warnings = 0;
    for (const file of files) {
        for (const d of file.diagnostics) {
            if (d.severity === 'error') errors++;
            else if (d.severity === 'warning') warnings++;
        }
    }
    return { files, summary: { files: files.length, errors, warnings } };
}
