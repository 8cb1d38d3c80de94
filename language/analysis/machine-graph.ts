import type { MachineModel, StateModel, TransitionModel } from '../model/machine-model.js';
import type { StateIndex } from './state-index.js';
import { indexStates } from './state-index.js';
import type { StateNames } from './state-names.js';

/**
 * A well-formed machine as an indexed graph: states by number, transitions
 * with resolved targets. Built once per machine in linear time; the path
 * checks share it.
 *
 * The transitions of state s are numbered edgeStart[s] .. edgeStart[s+1]-1 in
 * the order written, and edgeTarget holds each one's target state: flat
 * arrays, because the checks walk them on machines of 100,000 states, where
 * an object per transition was a noticeable share of the garbage.
 */
export interface MachineGraph {
    readonly machine: MachineModel;
    readonly states: readonly StateModel[];
    readonly initial: number;
    readonly end: number;
    /** State name → index. */
    readonly index: StateNames;
    readonly edgeStart: Int32Array;
    readonly edgeTarget: Int32Array;
    /** For each state, its transitions with the index of their target (built on first use, for callers that prefer objects). */
    readonly edges: ReadonlyArray<ReadonlyArray<{ readonly transition: TransitionModel; readonly target: number }>>;
}

class IndexedMachine implements MachineGraph {
    private edgesCache: Array<Array<{ transition: TransitionModel; target: number }>> | undefined = undefined;

    constructor(
        readonly machine: MachineModel,
        readonly initial: number,
        readonly end: number,
        readonly index: StateNames,
        readonly edgeStart: Int32Array,
        readonly edgeTarget: Int32Array,
    ) {}

    get states(): readonly StateModel[] {
        return this.machine.states;
    }

    get edges(): ReadonlyArray<ReadonlyArray<{ readonly transition: TransitionModel; readonly target: number }>> {
        return this.edgesCache ??= this.machine.states.map((state, s) =>
            state.transitions.map((transition, e) => ({ transition, target: this.edgeTarget[this.edgeStart[s] + e] })));
    }
}

/** Undefined unless the machine has one initial state, one end state, unique names and resolved targets. */
export function buildMachineGraph(machine: MachineModel, index: StateIndex = indexStates(machine)): MachineGraph | undefined {
    const n = machine.states.length;
    if (index.byName.size !== n || index.unknownTargets > 0 || index.initials.length !== 1 || index.ends.length !== 1) return undefined;
    return new IndexedMachine(machine, index.initials[0], index.ends[0], index.byName, index.edgeStart, index.targets);
}

/**
 * Breadth-first search from `start`: the predecessor edge and depth of every
 * reached state (parent -1 for the start, -2 unreached; the edge and depth of
 * an unreached state mean nothing).
 */
export function breadthFirst(graph: MachineGraph, start: number): { parentState: Int32Array; parentEdge: Int32Array; depth: Int32Array } {
    const n = graph.states.length;
    const parentState = new Int32Array(n).fill(-2);
    const parentEdge = new Int32Array(n);
    const depth = new Int32Array(n);
    const queue = new Int32Array(n);
    let head = 0;
    let tail = 0;
    parentState[start] = -1;
    queue[tail++] = start;
    while (head < tail) {
        const s = queue[head++];
        const first = graph.edgeStart[s];
        for (let e = 0; e < graph.edgeStart[s + 1] - first; e++) {
            const t = graph.edgeTarget[first + e];
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
    // Incoming edges as one flat array (counting sort by target), not an array per state:
    // each target's count, summed up to where its sources end, then counted down as they are
    // placed, which leaves firstIncoming[t] where t's sources start (no second array of positions).
    const firstIncoming = new Int32Array(n + 1);
    const { edgeStart, edgeTarget } = graph;
    for (let i = 0; i < edgeTarget.length; i++) firstIncoming[edgeTarget[i]]++;
    for (let s = 0; s < n; s++) firstIncoming[s + 1] += firstIncoming[s];
    const sources = new Int32Array(edgeTarget.length);
    for (let s = n - 1; s >= 0; s--) {
        for (let i = edgeStart[s + 1] - 1; i >= edgeStart[s]; i--) sources[--firstIncoming[edgeTarget[i]]] = s;
    }
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
