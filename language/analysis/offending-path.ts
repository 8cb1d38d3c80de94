import type { StateModel, TransitionModel } from '../model/machine-model.js';
import type { SourceRange } from '../model/source-range.js';
import { actionLabel } from './action-labels.js';
import type { PathStep } from './finding.js';

/** One transition taken on a path, from `state`. */
export interface PathEdge {
    readonly state: StateModel;
    readonly transition: TransitionModel;
}

/**
 * A shortest path as reported: its last transitions, and how many came
 * before them unlisted. Listing every step of every finding would make the
 * report (and the work) grow with findings × path length: quadratic on a long
 * chain of states. A path of up to MAX_LISTED_STEPS transitions is listed whole.
 */
export interface ReportedPath {
    readonly initial: StateModel;
    readonly skipped: number;
    readonly edges: readonly PathEdge[];
}

export const MAX_LISTED_STEPS = 40;

/** Walks parent pointers back from `node`, at most MAX_LISTED_STEPS of them. */
export function reportedPath(node: number, initial: StateModel, depth: number, stepBack: (node: number) => { parent: number; edge: PathEdge }): ReportedPath {
    const listed = Math.min(depth, MAX_LISTED_STEPS);
    const edges: PathEdge[] = new Array(listed);
    for (let i = listed - 1, v = node; i >= 0; i--) {
        const { parent, edge } = stepBack(v);
        edges[i] = edge;
        v = parent;
    }
    return { initial, skipped: depth - listed, edges };
}

/** `C -success-> Pick -rush-> Comp`: a path in one line, for messages. */
export function pathSummary(path: ReportedPath, last: StateModel): string {
    const { edges, skipped, initial } = path;
    if (edges.length === 0) return `${last.name} (the initial state)`;
    const parts: string[] = skipped > 0 ? [initial.name, `-> … ${skipped} transition${skipped === 1 ? '' : 's'} … ->`, edges[0].state.name] : [edges[0].state.name];
    for (const { transition } of edges) {
        const label = [transition.outcome, transition.effect ? actionLabel(transition.effect) : undefined].filter(Boolean).join(' / ');
        parts.push(label ? `-${label}->` : '->', transition.target);
    }
    return parts.join(' ');
}

/** Related information: one location per transition taken, then the offending element. */
export function pathSteps(path: ReportedPath, final: { message: string; range: SourceRange }): PathStep[] {
    const { edges, skipped, initial } = path;
    const steps: PathStep[] = [];
    if (skipped > 0) {
        const to = edges[0]?.state.name ?? final.message;
        steps.push({ message: `1–${skipped}. ${skipped} transition${skipped === 1 ? '' : 's'} from ${initial.name} (initial) to ${to}, not listed`, range: initial.nameRange });
    }
    edges.forEach(({ state, transition }, i) => {
        const start = skipped === 0 && i === 0 ? ' (initial)' : '';
        steps.push({ message: `${skipped + i + 1}. ${state.name}${start}: ${transitionLabel(state, transition)}`, range: transition.range });
    });
    steps.push({ message: `${skipped + edges.length + 1}. ${final.message}`, range: final.range });
    return steps;
}

/** `call Compute, then on success -> WComp`: what a state does and which transition it takes. */
export function transitionLabel(state: StateModel, transition: TransitionModel): string {
    const does = state.action ? `${actionLabel(state.action)}, then ` : '';
    const on = transition.outcome ? `on ${transition.outcome}` : 'by default';
    const effect = transition.effect ? ` ${actionLabel(transition.effect)}` : '';
    return `${does}${on}${effect} -> ${transition.target}`;
}

/** The same path with one more transition at its end (the offending effect or the entry into End). */
export function extendPath(path: ReportedPath, edge: PathEdge): ReportedPath {
    return { ...path, edges: [...path.edges, edge] };
}
