import type { Side } from '../../model/machine-model.js';
import type { MachineGraph } from '../machine-graph.js';
import type { Change, Guard } from './joint-rules.js';
import { actionChange, jointRule, transitionGuard } from './joint-rules.js';

/** Guards and changes as small integers, so the exploration's inner loop reads typed arrays only. */
export const GUARD_CODE: Readonly<Record<Guard, number>> = {
    'always': 0, 'reply-or-cancelled': 1, 'no-reply': 2, 'request': 3, 'cancelled': 4, 'client-at-end': 5,
};
export const CHANGE_BIT: Readonly<Record<Change, number>> = { request: 1, cancel: 2, consume: 4, reply: 8 };

/** A dispatch that accepts any procedure; any other value is a procedure number (see `Procedures`). */
export const ANY_PROCEDURE = -1;
/** A dispatch naming a procedure no `call` of the client names: only an unnamed call matches it. */
export const FOREIGN_PROCEDURE = -2;

/**
 * The procedures the client's calls name, numbered. A request is encoded as
 * 0 (none), 1 (a call naming no procedure) or 2 + the procedure's number.
 */
export interface Procedures {
    readonly names: readonly string[];
    readonly number: ReadonlyMap<string, number>;
}

export function clientProcedures(client: MachineGraph): Procedures {
    const number = new Map<string, number>();
    for (const state of client.states) {
        if (state.action?.kind === 'call' && state.action.name !== undefined && !number.has(state.action.name)) {
            number.set(state.action.name, number.size);
        }
    }
    return { names: [...number.keys()], number };
}

/** The request a call names: 1 for none, 2 + its number otherwise. */
export function requestCode(procedures: Procedures, name: string | undefined): number {
    return name === undefined ? 1 : 2 + procedures.number.get(name)!;
}

/** One machine read through the guard table: per transition (numbered as in the graph) its guard, change and request. */
export interface CompiledMachine {
    readonly side: Side;
    readonly graph: MachineGraph;
    readonly guard: Uint8Array;
    readonly change: Uint8Array;
    /** For transitions that make a request: the request's code. */
    readonly request: Int32Array;
    /** For dispatch states: the procedure the dispatch accepts (ANY_PROCEDURE, FOREIGN_PROCEDURE or its number); 0 elsewhere. */
    readonly dispatches: Int32Array;
    /** 1 for states whose action is `dispatch`: there the server is idle while no request waits. */
    readonly isDispatch: Uint8Array;
    /** How many procedures the client's calls name (requests are 0, 1 or 2 + a procedure's number). */
    readonly procedures: number;
}

export function compileMachine(graph: MachineGraph, procedures: Procedures): CompiledMachine {
    const side = graph.machine.side;
    const n = graph.states.length;
    const edges = graph.edgeTarget.length;
    const guard = new Uint8Array(edges);
    const change = new Uint8Array(edges);
    const request = new Int32Array(edges);
    const dispatches = new Int32Array(n);
    const isDispatch = new Uint8Array(n);
    for (let s = 0; s < n; s++) {
        const state = graph.states[s];
        const rule = jointRule(side, state.action);
        if (state.action?.kind === 'dispatch') {
            isDispatch[s] = 1;
            const name = state.action.name;
            dispatches[s] = name === undefined ? ANY_PROCEDURE : procedures.number.get(name) ?? FOREIGN_PROCEDURE;
        }
        const first = graph.edgeStart[s];
        state.transitions.forEach((transition, i) => {
            const e = first + i;
            guard[e] = GUARD_CODE[transitionGuard(rule, transition.outcome)];
            const fromAction = actionChange(rule, transition.outcome);
            const fromEffect = jointRule(side, transition.effect)?.change;
            change[e] = (fromAction ? CHANGE_BIT[fromAction] : 0) | (fromEffect ? CHANGE_BIT[fromEffect] : 0);
            if (fromAction === 'request') request[e] = requestCode(procedures, state.action?.name);
        });
    }
    return { side, graph, guard, change, request, dispatches, isDispatch, procedures: procedures.names.length };
}
