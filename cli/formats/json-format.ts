import type { CheckReport } from '../../language/pipeline/check-report.js';

export function formatJson(report: CheckReport): string {
    return JSON.stringify(report) + '\n';
}
