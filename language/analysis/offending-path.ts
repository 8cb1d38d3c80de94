import type { StateModel, TransitionModel } from '../model/machine-model.js';
import type { SourceRange } from '../model/source-range.js';
import { actionLabel } from './action-labels.js';
import type { PathStep } from './finding.js';

/** One transition taken on a path, from `state`. */
export interface PathEdge {
    readonly state: StateModel;
    readonly transition: TransitionModel;
}

/** `C -success-> Pick -rush-> Comp`: a path in one line, for messages. */
export function pathSummary(edges: readonly PathEdge[], last: StateModel): string {
    if (edges.length === 0) return `${last.name} (the initial state)`;
    const parts: string[] = [edges[0].state.name];
    for (const { transition } of edges) {
        const label = [transition.outcome, transition.effect ? actionLabel(transition.effect) : undefined].filter(Boolean).join(' / ');
        parts.push(label ? `-${label}->` : '->', transition.target);
    }
    return parts.join(' ');
}

/** Related information: one location per transition taken, then the offending element. */
export function pathSteps(edges: readonly PathEdge[], final: { message: string; range: SourceRange }): PathStep[] {
    const steps: PathStep[] = edges.map(({ state, transition }, i) => {
        const does = state.action ? `${actionLabel(state.action)}, then ` : '';
        const on = transition.outcome ? `on ${transition.outcome}` : 'by default';
        const effect = transition.effect ? ` ${actionLabel(transition.effect)}` : '';
        const start = i === 0 ? ' (initial)' : '';
        return { message: `${i + 1}. ${state.name}${start}: ${does}${on}${effect} -> ${transition.target}`, range: transition.range };
    });
    steps.push({ message: `${edges.length + 1}. ${final.message}`, range: final.range });
    return steps;
}
