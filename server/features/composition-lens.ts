import type { CompositionReport } from '../../language/analysis/composition/composition-report.js';

/** The client command that steps through a deadlock's interleaving (client/step-interleaving.ts). */
export const STEP_INTERLEAVING_COMMAND = 'rpcstate.stepInterleaving';

function count(n: number, word: string): string {
    return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The verdict of the client × server check, for the code lens on the
 * `protocol` line: `client Caller × server Worker: no deadlock, 14 joint
 * points explored`, the deadlock count, or why there is no verdict.
 * Undefined (the check was cancelled by a newer edit) reads "checking".
 */
export function compositionVerdict(report: CompositionReport | undefined): string {
    if (!report) return 'client × server: checking…';
    const pair = report.client !== undefined && report.server !== undefined ? `client ${report.client} × server ${report.server}` : 'client × server';
    switch (report.status) {
        case 'not-run':
            return `${pair}: not checked (${report.reason ?? 'the check does not apply'})`;
        case 'skipped':
            return `${pair}: no verdict, stopped at its budget after ${count(report.points, 'joint point')}`;
        default:
            return report.deadlocks.length === 0
                ? `${pair}: no deadlock, ${count(report.points, 'joint point')} explored`
                : `${pair}: ${count(report.deadlocks.length, 'deadlock')}, ${count(report.points, 'joint point')} explored`;
    }
}
