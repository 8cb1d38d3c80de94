import type { CheckReport } from '../../language/pipeline/check-report.js';

/** The contract's JSON: every diagnostic with exactly its documented fields (related entries: message, line, column). */
export function formatJson(report: CheckReport): string {
    const files = report.files.map(file => ({
        path: file.path,
        diagnostics: file.diagnostics.map(d => ({
            severity: d.severity,
            code: d.code,
            message: d.message,
            line: d.line,
            column: d.column,
            endLine: d.endLine,
            endColumn: d.endColumn,
            related: d.related.map(({ message, line, column }) => ({ message, line, column })),
        })),
    }));
    return JSON.stringify({ files, summary: report.summary }) + '\n';
}
