import type { Severity } from '../analysis/diagnostic-codes.js';
import type { Finding } from '../analysis/finding.js';

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

/** A finding (syntax error or the analysis') as a row of the report, 1-based as compilers print positions. */
export function toReportedDiagnostic(finding: Finding): ReportedDiagnostic {
    const { start, end } = finding.range;
    return {
        severity: finding.severity,
        code: finding.code,
        message: finding.message,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        related: (finding.path ?? []).map(step => ({
            message: step.message,
            line: step.range.start.line + 1,
            column: step.range.start.character + 1,
            ...(step.machine !== undefined && step.machine !== '' ? { machine: step.machine } : {}),
        })),
    };
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
