import { styleText } from 'node:util';
import type { CheckReport } from '../../language/pipeline/check-report.js';

type Style = Parameters<typeof styleText>[0];

/** Compiler-style text: `file:line:col: error[code]: message`, then the offending path. */
export function formatText(report: CheckReport, useColor: boolean): string {
    const paint = (style: Style, text: string) => (useColor ? styleText(style, text, { validateStream: false }) : text);
    const lines: string[] = [];
    for (const file of report.files) {
        for (const d of file.diagnostics) {
            const level = d.severity === 'error' ? paint(['bold', 'red'], 'error') : d.severity === 'warning' ? paint(['bold', 'yellow'], 'warning') : paint('bold', 'info');
            lines.push(`${paint('bold', `${file.path}:${d.line}:${d.column}`)}: ${level}[${d.code}]: ${d.message}`);
            if (d.related.length > 0) {
                const interleaved = d.related.some(step => step.machine !== undefined);
                lines.push(`  ${paint('cyan', interleaved ? 'interleaving (client and server):' : 'path:')}`);
                for (const step of d.related) lines.push(`    ${step.message} ${paint('dim', `(${file.path}:${step.line}:${step.column})`)}`);
            }
        }
    }
    const { files, errors, warnings } = report.summary;
    const verdict = `${files} file${files === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    lines.push(errors > 0 ? paint('red', verdict) : warnings > 0 ? paint('yellow', verdict) : paint('green', verdict));
    return lines.join('\n') + '\n';
}
