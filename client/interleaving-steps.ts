import type { CompositionReport, DeadlockTrace } from '../language/analysis/composition/composition-report.js';
import type { SourceRange } from '../language/model/source-range.js';

/** One entry of the stepper: what the quick pick shows, and what the editor selects while it is the active entry. */
export interface StepEntry {
    readonly label: string;
    readonly description: string;
    /** First the transition taken (or where a machine waits), then where the other machine is at that moment. */
    readonly selections: readonly SourceRange[];
}

/** One entry per deadlock, to choose which to step through. */
export interface DeadlockEntry {
    readonly label: string;
    readonly description: string;
    readonly index: number;
}

export function deadlockEntries(report: CompositionReport): DeadlockEntry[] {
    return report.deadlocks.map((d, index) => ({
        label: `${d.waiting.side} ${d.waiting.machine} waits forever in ${d.waiting.state}`,
        description: `${d.skipped + d.steps.length + 1} steps`,
        index,
    }));
}

/**
 * The stepper of one deadlock: each step of its interleaving selects the
 * transition taken and, as a second selection, the state the other machine
 * is in at that moment; the last entry selects where the machine waits and
 * where the other one ends up. Steps the report does not list (only the
 * last ones are) are one entry at the start that selects nothing new.
 */
export function stepEntries(trace: DeadlockTrace): StepEntry[] {
    const entries: StepEntry[] = [];
    if (trace.skipped > 0) {
        const first = trace.steps[0];
        entries.push({
            label: `1–${trace.skipped}. not listed`,
            description: `${trace.skipped} earlier steps; the listed ones start with client in ${first?.before.client.state ?? '?'}, server in ${first?.before.server.state ?? '?'}`,
            selections: first ? [first.before.client.stateRange, first.before.server.stateRange] : [],
        });
    }
    for (const step of trace.steps) {
        const other = step.side === 'client' ? step.before.server : step.before.client;
        entries.push({
            label: `${step.number}. ${step.side} ${step.machine}`,
            description: `${withoutPrefix(step.message, `${step.number}. ${step.side} ${step.machine}, `)}   (${other.side} ${other.machine} in ${other.state})`,
            selections: [step.range, other.stateRange],
        });
    }
    const last = trace.finding.path?.at(-1)?.message ?? '';
    const lastNumber = trace.skipped + trace.steps.length + 1;
    entries.push({
        label: `${lastNumber}. ${trace.waiting.side} ${trace.waiting.machine} waits forever`,
        description: withoutPrefix(last, `${lastNumber}. `),
        selections: [trace.waiting.range, trace.other.status === 'waits' ? trace.other.range : trace.other.stateRange],
    });
    return entries;
}

function withoutPrefix(text: string, prefix: string): string {
    return text.startsWith(prefix) ? text.slice(prefix.length) : text;
}
