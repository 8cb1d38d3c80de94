import type { CheckReport } from '../../language/pipeline/check-report.js';
import type { AppliedFix } from '../../language/pipeline/fix-files.js';

/**
 * The contract's JSON: every diagnostic with exactly its documented fields
 * (related entries: message, line, column). With `check --fix`, each file
 * also has `fixes`, the fixes applied to it (code, line, column, title),
 * and only then: without --fix the object is exactly the contract's.
 */
export function formatJson(report: CheckReport, applied?: ReadonlyMap<string, readonly AppliedFix[]>): string {
    const files = report.files.map(file => ({
        path: file.path,
        ...applied ? { fixes: (applied.get(file.path) ?? []).map(({ code, line, column, title }) => ({ code, line, column, title })) } : {},
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
