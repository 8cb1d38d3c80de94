import type { Side, StateModel, TransitionModel } from '../../model/machine-model.js';
import { MAX_LISTED_STEPS } from '../offending-path.js';
import type { CompiledMachine } from './compiled-machine.js';
import { CHANGE_BIT } from './compiled-machine.js';
import type { JointSpace } from './joint-exploration.js';

/** One step of a joint run: a machine takes one transition of one of its states. */
export interface JointStep {
    readonly side: Side;
    /** The machine's name. */
    readonly machine: string;
    readonly state: StateModel;
    readonly transition: TransitionModel;
    /** The step made a new request while the server was at its End: a new server instance took it, back in its initial state. */
    readonly newServerInstance: boolean;
}

/**
 * A shortest interleaving from the start to a joint point: its last steps
 * (at most MAX_LISTED_STEPS, as for one-machine paths), and how many came
 * before them unlisted.
 */
export interface Interleaving {
    readonly skipped: number;
    readonly steps: readonly JointStep[];
}

/** Walks the parent pointers of the breadth-first exploration back from `point`. */
export function interleavingTo(space: JointSpace, client: CompiledMachine, server: CompiledMachine, point: number, maxListed = MAX_LISTED_STEPS): Interleaving {
    const { parent } = space.points;
    let length = 0;
    for (let p = point; parent[p] >= 0; p = parent[p]) length++;
    const listed = Math.min(length, maxListed);
    const steps: JointStep[] = new Array(listed);
    for (let i = listed - 1, p = point; i >= 0; i--, p = parent[p]) steps[i] = stepInto(space, client, server, p);
    return { skipped: length - listed, steps };
}

/** The step that first reached `point`, read back from its parent. */
function stepInto(space: JointSpace, client: CompiledMachine, server: CompiledMachine, point: number): JointStep {
    const { points } = space;
    const from = points.parent[point];
    const move = points.via[point];
    const machine = move & 1 ? server : client;
    const edge = move >> 1;
    const stateNumber = move & 1 ? points.server[from] : points.client[from];
    const state = machine.graph.states[stateNumber];
    const transition = state.transitions[edge - machine.graph.edgeStart[stateNumber]];
    const newServerInstance = (move & 1) === 0 && (client.change[edge] & CHANGE_BIT.request) !== 0 && points.server[from] === server.graph.end;
    return { side: machine.side, machine: machine.graph.machine.name, state, transition, newServerInstance };
}
