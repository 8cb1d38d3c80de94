import type { MachineGraph } from '../analysis/machine-graph.js';
import { breadthFirst } from '../analysis/machine-graph.js';

/**
 * Transition coverage: paths from the initial state to End that together take
 * every transition reachable from the initial state. For each transition not
 * yet taken by an earlier path, in spec order: a shortest path to its source,
 * the transition, and a shortest path from its target to End. Linear per path
 * after two breadth-first searches, deterministic.
 *
 * Transitions are numbered in spec order: state by state, and within a state
 * in the order written (the numbering of the generated `transitions` table).
 */
export interface CoveragePlan {
    /** Each path as transition numbers, from the initial state to End. */
    readonly paths: ReadonlyArray<readonly number[]>;
    /** For each path, the transition it was planned for (the others on it were taken on the way). */
    readonly planned: readonly number[];
    /**
     * Transitions no path from the initial state to End can take: their source
     * is unreachable (a warning), or their target cannot reach End (an error,
     * so only a model that skipped the checks has any).
     */
    readonly uncoverable: readonly number[];
}

export function planTransitionCoverage(graph: MachineGraph): CoveragePlan {
    const firstOf = transitionNumbering(graph);
    const toState = breadthFirst(graph, graph.initial);
    const toEnd = shortestToGoal(graph, firstOf);
    const total = firstOf[graph.states.length];
    const covered = new Uint8Array(total);
    const paths: number[][] = [];
    const planned: number[] = [];
    const uncoverable: number[] = [];
    for (let s = 0; s < graph.states.length; s++) {
        for (let e = 0; e < graph.edges[s].length; e++) {
            const number = firstOf[s] + e;
            if (covered[number]) continue;
            const target = graph.edges[s][e].target;
            if (toState.parentState[s] === -2 || (toEnd[target] === -1 && target !== graph.end)) {
                uncoverable.push(number);
                continue;
            }
            const path = [...pathTo(graph, firstOf, toState, s), number, ...pathToGoal(graph, firstOf, toEnd, target)];
            for (const taken of path) covered[taken] = 1;
            paths.push(path);
            planned.push(number);
        }
    }
    return { paths, planned, uncoverable };
}

/** `firstOf[s]` is the number of state s's first transition; `firstOf[n]` the total. */
function transitionNumbering(graph: MachineGraph): Int32Array {
    const firstOf = new Int32Array(graph.states.length + 1);
    for (let s = 0; s < graph.states.length; s++) firstOf[s + 1] = firstOf[s] + graph.edges[s].length;
    return firstOf;
}

function pathTo(graph: MachineGraph, firstOf: Int32Array, tree: { parentState: Int32Array; parentEdge: Int32Array }, state: number): number[] {
    const reversed: number[] = [];
    for (let s = state; tree.parentState[s] >= 0; s = tree.parentState[s]) {
        reversed.push(firstOf[tree.parentState[s]] + tree.parentEdge[s]);
    }
    return reversed.reverse();
}

/**
 * For every state, the number of the first transition of a shortest path to
 * End (-1 for End itself and for states that cannot reach it): a
 * breadth-first search backwards from End. Ties go to the transition written
 * first, so the plan does not depend on the order of the search.
 */
function shortestToGoal(graph: MachineGraph, firstOf: Int32Array): Int32Array {
    const n = graph.states.length;
    const incoming: number[][] = Array.from({ length: n }, () => []);
    for (let s = 0; s < n; s++) graph.edges[s].forEach(edge => incoming[edge.target].push(s));
    const distance = new Int32Array(n).fill(-1);
    distance[graph.end] = 0;
    const queue = [graph.end];
    for (let head = 0; head < queue.length; head++) {
        const t = queue[head];
        for (const s of incoming[t]) {
            if (distance[s] === -1) {
                distance[s] = distance[t] + 1;
                queue.push(s);
            }
        }
    }
    const next = new Int32Array(n).fill(-1);
    for (let s = 0; s < n; s++) {
        if (s === graph.end || distance[s] === -1) continue;
        const e = graph.edges[s].findIndex(edge => distance[edge.target] === distance[s] - 1);
        next[s] = firstOf[s] + e;
    }
    return next;
}

function pathToGoal(graph: MachineGraph, firstOf: Int32Array, next: Int32Array, state: number): number[] {
    const path: number[] = [];
    for (let s = state; s !== graph.end; ) {
        const number = next[s];
        path.push(number);
        const e = number - firstOf[s];
        s = graph.edges[s][e].target;
    }
    return path;
}
