import type { MachineModel, StateModel, TransitionModel } from '../model/machine-model.js';

/**
 * A well-formed machine as an indexed graph: states by number, transitions
 * with resolved targets. Built once per machine in linear time; the path
 * checks share it.
 */
export interface MachineGraph {
    readonly machine: MachineModel;
    readonly states: readonly StateModel[];
    readonly initial: number;
    readonly end: number;
    /** State name → index. */
    readonly index: ReadonlyMap<string, number>;
    /** For each state, its transitions with the index of their target. */
    readonly edges: ReadonlyArray<ReadonlyArray<{ readonly transition: TransitionModel; readonly target: number }>>;
}

/** Undefined unless the machine has one initial state, one end state, unique names and resolved targets. */
export function buildMachineGraph(machine: MachineModel): MachineGraph | undefined {
    const index = new Map<string, number>();
    let initial = -1;
    let end = -1;
    for (let i = 0; i < machine.states.length; i++) {
        const state = machine.states[i];
        if (index.has(state.name)) return undefined;
        index.set(state.name, i);
        if (state.initial) {
            if (initial >= 0) return undefined;
            initial = i;
        }
        if (state.end) {
            if (end >= 0) return undefined;
            end = i;
        }
    }
    if (initial < 0 || end < 0) return undefined;
    const edges: Array<Array<{ transition: TransitionModel; target: number }>> = [];
    for (const state of machine.states) {
        const out: Array<{ transition: TransitionModel; target: number }> = [];
        for (const transition of state.transitions) {
            const target = index.get(transition.target);
            if (target === undefined) return undefined;
            out.push({ transition, target });
        }
        edges.push(out);
    }
    return { machine, states: machine.states, initial, end, index, edges };
}

/** Breadth-first search from `start`: the predecessor edge and depth of every reached state (parent -1 for the start, -2 unreached). */
export function breadthFirst(graph: MachineGraph, start: number): { parentState: Int32Array; parentEdge: Int32Array; depth: Int32Array } {
    const n = graph.states.length;
    const parentState = new Int32Array(n).fill(-2);
    const parentEdge = new Int32Array(n).fill(-1);
    const depth = new Int32Array(n);
    const queue = new Int32Array(n);
    let head = 0;
    let tail = 0;
    parentState[start] = -1;
    queue[tail++] = start;
    while (head < tail) {
        const s = queue[head++];
        const out = graph.edges[s];
        for (let e = 0; e < out.length; e++) {
            const t = out[e].target;
            if (parentState[t] === -2) {
                parentState[t] = s;
                parentEdge[t] = e;
                depth[t] = depth[s] + 1;
                queue[tail++] = t;
            }
        }
    }
    return { parentState, parentEdge, depth };
}

/** States from which `goal` can be reached, following transitions backwards. */
export function statesReaching(graph: MachineGraph, goal: number): Uint8Array {
    const n = graph.states.length;
    // Incoming edges as one flat array (counting sort by target), not an array per state.
    const firstIncoming = new Int32Array(n + 1);
    for (const out of graph.edges) for (const edge of out) firstIncoming[edge.target + 1]++;
    for (let s = 0; s < n; s++) firstIncoming[s + 1] += firstIncoming[s];
    const sources = new Int32Array(firstIncoming[n]);
    const filled = firstIncoming.slice(0, n);
    graph.edges.forEach((out, s) => { for (const edge of out) sources[filled[edge.target]++] = s; });
    const reaches = new Uint8Array(n);
    const stack = new Int32Array(n);
    let top = 0;
    stack[top++] = goal;
    reaches[goal] = 1;
    while (top > 0) {
        const s = stack[--top];
        for (let i = firstIncoming[s]; i < firstIncoming[s + 1]; i++) {
            const p = sources[i];
            if (!reaches[p]) {
                reaches[p] = 1;
                stack[top++] = p;
            }
        }
    }
    return reaches;
}
