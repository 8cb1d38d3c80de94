import type { MachineModel, StateModel } from '../model/machine-model.js';
import { StateNames } from './state-names.js';

/**
 * A machine's names resolved once, for the structure checks and the graph:
 * each state name → the index of its first state, and each transition's
 * target as a state index (-1 when no state has that name), in the flat
 * order of `edgeStart` (state s's transitions are edgeStart[s] ..
 * edgeStart[s+1]-1, as written). Never changed once built, so an index built
 * from another may share its arrays.
 */
export interface StateIndex {
    readonly byName: StateNames;
    readonly edgeStart: Int32Array;
    readonly targets: Int32Array;
    /** How many transitions name no state. */
    readonly unknownTargets: number;
    /** The indices of the initial states, and of the end states, in order (read here, in the pass that reads every state anyway). */
    readonly initials: readonly number[];
    readonly ends: readonly number[];
}

/**
 * The index of an earlier version of the machine, and the states it was
 * built from, by index: undefined where a state has been replaced since,
 * else a state object whose name and targets are those indexed (the very
 * object, or one the caller knows reads the same: the editor's kept results
 * are also served to a machine of the same text). The editor passes it after
 * an edit inside a few states (kept-machine-results.ts).
 */
export interface PriorIndex {
    readonly index: StateIndex;
    readonly states: ReadonlyArray<StateModel | undefined>;
}

/**
 * The machine's index: from `prior` when it still describes the machine
 * (see `reindexStates`), else built anew; the same either way. Resolving every
 * target of a machine of 50,000 states reads each of its 150,000 transitions
 * and builds a table of all its names, a large part of an edit's analysis.
 */
export function indexStates(machine: MachineModel, prior?: PriorIndex): StateIndex {
    return (prior && reindexStates(machine, prior)) ?? freshIndex(machine);
}

function freshIndex(machine: MachineModel): StateIndex {
    const { states } = machine;
    const n = states.length;
    const byName = new StateNames(states);
    const edgeStart = new Int32Array(n + 1);
    const initials: number[] = [];
    const ends: number[] = [];
    for (let i = 0; i < n; i++) {
        const state = states[i];
        edgeStart[i + 1] = edgeStart[i] + state.transitions.length;
        if (state.initial) initials.push(i);
        if (state.end) ends.push(i);
    }
    const targets = new Int32Array(edgeStart[n]);
    let unknownTargets = 0;
    for (let s = 0; s < n; s++) unknownTargets += resolveTargets(states[s], byName, targets, edgeStart[s]);
    return { byName, edgeStart, targets, unknownTargets, initials, ends };
}

/** Writes the state's targets from `at` on; how many name no state. */
function resolveTargets(state: StateModel, byName: StateNames, targets: Int32Array, at: number): number {
    const { transitions } = state;
    let unknown = 0;
    for (let e = 0; e < transitions.length; e++) {
        const target = byName.get(transitions[e].target) ?? -1;
        if (target < 0) unknown++;
        targets[at + e] = target;
    }
    return unknown;
}

/**
 * `prior` updated for `machine`, or undefined when it may not be: the
 * machine must have as many states, each kept state must be the very object
 * the index was built from (models are never changed, so its name and targets
 * are the ones indexed), and each replaced state must have the name the index
 * has at its place (the name's first state is that index). Then the names
 * table stays as it is, and only the replaced states' targets are resolved;
 * the others are copied. Without this the editor re-resolved every target of
 * the machine on each keystroke in one of its states.
 */
function reindexStates(machine: MachineModel, prior: PriorIndex): StateIndex | undefined {
    const { states } = machine;
    const { index } = prior;
    const n = states.length;
    if (prior.states.length !== n || index.edgeStart.length !== n + 1) return undefined;
    const replaced: number[] = [];
    for (let i = 0; i < n; i++) {
        const before = prior.states[i];
        if (before === states[i]) continue;
        if (before !== undefined || index.byName.get(states[i].name) !== i) return undefined;
        replaced.push(i);
    }
    const edgeStart = shiftedEdgeStart(index.edgeStart, replaced, states);
    const targets = new Int32Array(edgeStart[n]);
    let unknownTargets = index.unknownTargets;
    let from = 0;
    for (const i of replaced) {
        const oldStart = index.edgeStart[i];
        const oldEnd = index.edgeStart[i + 1];
        targets.set(index.targets.subarray(from, oldStart), edgeStart[i] - (oldStart - from));
        for (let k = oldStart; k < oldEnd; k++) if (index.targets[k] < 0) unknownTargets--;
        unknownTargets += resolveTargets(states[i], index.byName, targets, edgeStart[i]);
        from = oldEnd;
    }
    targets.set(index.targets.subarray(from), edgeStart[n] - (index.edgeStart[n] - from));
    const initials = withReplaced(index.initials, replaced, i => states[i].initial);
    const ends = withReplaced(index.ends, replaced, i => states[i].end);
    return { byName: index.byName, edgeStart, targets, unknownTargets, initials, ends };
}

/** The prior list of states with some mark, the replaced states' marks read anew; in order. */
function withReplaced(prior: readonly number[], replaced: readonly number[], marked: (i: number) => boolean): readonly number[] {
    const list = prior.filter(i => !replaced.includes(i));
    for (const i of replaced) if (marked(i)) list.push(i);
    return list.sort((a, b) => a - b);
}

/** The prior `edgeStart` when the replaced states have as many transitions as before (shared), else moved by the difference. */
function shiftedEdgeStart(old: Int32Array, replaced: readonly number[], states: readonly StateModel[]): Int32Array {
    if (replaced.every(i => states[i].transitions.length === old[i + 1] - old[i])) return old;
    const edgeStart = new Int32Array(old.length);
    let shift = 0;
    let next = 0;
    for (let i = 0; i < states.length; i++) {
        edgeStart[i] = old[i] + shift;
        if (next < replaced.length && replaced[next] === i) {
            shift += states[i].transitions.length - (old[i + 1] - old[i]);
            next++;
        }
    }
    edgeStart[states.length] = old[states.length] + shift;
    return edgeStart;
}
