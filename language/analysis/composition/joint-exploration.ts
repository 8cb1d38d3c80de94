import type { CompiledMachine } from './compiled-machine.js';
import { ANY_PROCEDURE, CHANGE_BIT, GUARD_CODE } from './compiled-machine.js';
import { JointPointStore, resized } from './joint-point-store.js';

/** Bits of `JointSpace.moves`: which machine has a transition it can take at the point. */
export const CLIENT_MOVES = 1;
export const SERVER_MOVES = 2;

/**
 * The reachable joint space, explored breadth first: points are numbered in
 * the order found, so a smaller number is never farther from the start, and
 * the parent pointers give a shortest interleaving to every point.
 */
export interface JointSpace {
    readonly points: JointPointStore;
    /** Per point: CLIENT_MOVES | SERVER_MOVES, for the machines that can move there. */
    readonly moves: Uint8Array;
    /** The successors of point p are succ[succStart[p] .. succStart[p + 1] - 1] (repeats possible). */
    readonly succStart: Int32Array;
    readonly succ: Int32Array;
    /** False when the budget stopped the exploration: then nothing may be concluded. */
    readonly complete: boolean;
}

const REQUEST = CHANGE_BIT.request;
const CANCEL = CHANGE_BIT.cancel;
const CONSUME = CHANGE_BIT.consume;
const REPLY = CHANGE_BIT.reply;
const NEEDS_SETTLED = GUARD_CODE['reply-or-cancelled'];
const NEEDS_NO_REPLY = GUARD_CODE['no-reply'];
const NEEDS_REQUEST = GUARD_CODE.request;
const NEEDS_CANCELLED = GUARD_CODE.cancelled;
const NEEDS_CLIENT_END = GUARD_CODE['client-at-end'];

/** The facts after a step that changes `change` (request code `request` for a new call). */
function changedFacts(facts: number, change: number, request: number): number {
    let f = facts;
    if (change & REQUEST) f = request << 2;
    if (change & CONSUME) f &= 3;
    if (change & CANCEL) f |= 1;
    if (change & REPLY) f |= 2;
    return f;
}

/** Every joint point reachable from the start, up to `budget` points. Time and memory linear in the points and steps found. */
export function exploreJointSpace(client: CompiledMachine, server: CompiledMachine, budget: number): JointSpace {
    const points = new JointPointStore();
    const cg = client.graph;
    const sg = server.graph;
    let moves = new Uint8Array(1024);
    let succStart = new Int32Array(1025);
    let succ = new Int32Array(4096);
    let edges = 0;
    let complete = true;
    points.findOrAdd(cg.initial, sg.initial, 0, -1, -1);

    /** Records the step from p to (c, s, f); false once the budget is used up. */
    const step = (p: number, c: number, s: number, f: number, via: number): boolean => {
        const known = points.find(c, s, f);
        let q = known;
        if (q < 0) {
            if (points.count >= budget) return false;
            q = points.findOrAdd(c, s, f, p, via);
        }
        if (edges === succ.length) succ = resized(succ, succ.length * 2);
        succ[edges++] = q;
        return true;
    };

    let p = 0;
    for (; p < points.count && complete; p++) {
        if (p === moves.length) {
            moves = resizedBytes(moves, moves.length * 2);
            succStart = resized(succStart, succStart.length * 2);
        }
        succStart[p] = edges;
        const c = points.client[p];
        const s = points.server[p];
        const f = points.facts[p];
        const request = f >> 2;
        const replied = (f & 2) !== 0;
        const settled = (f & 3) !== 0;
        let moved = 0;
        for (let e = cg.edgeStart[c], last = cg.edgeStart[c + 1]; e < last; e++) {
            const guard = client.guard[e];
            if (guard === NEEDS_SETTLED ? !settled : guard === NEEDS_NO_REPLY && replied) continue;
            const change = client.change[e];
            const nextServer = change & REQUEST && s === sg.end ? sg.initial : s;
            moved |= CLIENT_MOVES;
            if (!step(p, cg.edgeTarget[e], nextServer, changedFacts(f, change, client.request[e]), e * 2)) complete = false;
        }
        for (let e = sg.edgeStart[s], last = sg.edgeStart[s + 1]; e < last; e++) {
            if (!serverCanTake(server.guard[e], server.dispatches[s], request, f, c === cg.end)) continue;
            moved |= SERVER_MOVES;
            if (!step(p, c, sg.edgeTarget[e], changedFacts(f, server.change[e], 0), e * 2 + 1)) complete = false;
        }
        moves[p] = moved;
    }
    succStart[p] = edges;
    return { points, moves, succStart, succ, complete };
}

function serverCanTake(guard: number, dispatches: number, request: number, facts: number, clientAtEnd: boolean): boolean {
    switch (guard) {
        case NEEDS_REQUEST: return request >= 1 && (dispatches === ANY_PROCEDURE || request === 1 || request - 2 === dispatches);
        case NEEDS_CANCELLED: return (facts & 1) !== 0;
        case NEEDS_CLIENT_END: return clientAtEnd;
        default: return true;
    }
}

function resizedBytes(array: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
    const bigger = new Uint8Array(size);
    bigger.set(array);
    return bigger;
}
