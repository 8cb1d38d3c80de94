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
    /** The distinct successors of point p are succ[succStart[p] .. succStart[p + 1] - 1]. */
    readonly succStart: Int32Array;
    readonly succ: Int32Array;
    /** False when the budget (or `shouldStop`) stopped the exploration: then nothing may be concluded. */
    readonly complete: boolean;
    /** True when `shouldStop` ended it: the caller no longer wants the answer. */
    readonly stopped: boolean;
}

/**
 * How many points are expanded between two calls of `shouldStop`: expanding
 * one takes well under a microsecond, so the exploration answers a stop
 * within milliseconds, and the call (an Atomics.load in the worker) costs
 * nothing measurable.
 */
export const STOP_CHECK_INTERVAL = 4096;

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

/**
 * Every joint point reachable from the start, up to `budget` points, in time
 * and memory linear in the points and steps found. `shouldStop` is asked
 * every STOP_CHECK_INTERVAL points; when it says yes the exploration ends,
 * incomplete and `stopped`.
 */
export function exploreJointSpace(client: CompiledMachine, server: CompiledMachine, budget: number, shouldStop?: () => boolean): JointSpace {
    const explorer = new JointExplorer(client, server, budget, shouldStop);
    return explorer.run();
}

/** Bound on the joint points: client states × server states × 4 × (procedures + 2). */
function jointBound(client: CompiledMachine, server: CompiledMachine): number {
    return client.graph.states.length * server.graph.states.length * 4 * (client.procedures + 2);
}

class JointExplorer {
    private readonly points: JointPointStore;
    private readonly moves: Uint8Array;
    private readonly succStart: Int32Array;
    private succ: Int32Array;
    private edges = 0;
    /** Where the current point's successors start in `succ`. */
    private first = 0;
    private full = false;
    private stopped = false;

    constructor(private readonly client: CompiledMachine, private readonly server: CompiledMachine, budget: number, private readonly shouldStop: (() => boolean) | undefined) {
        const capacity = Math.max(1, Math.min(budget, jointBound(client, server)));
        this.points = new JointPointStore(capacity);
        this.moves = new Uint8Array(capacity);
        this.succStart = new Int32Array(capacity + 1);
        this.succ = new Int32Array(Math.min(capacity * 2, 1 << 20) + 16);
    }

    run(): JointSpace {
        const { points } = this;
        points.findOrAdd(this.client.graph.initial, this.server.graph.initial, 0, -1, -1);
        const { shouldStop } = this;
        let p = 0;
        for (; p < points.count && !this.full; p++) {
            if (shouldStop !== undefined && p % STOP_CHECK_INTERVAL === STOP_CHECK_INTERVAL - 1 && shouldStop()) {
                this.stopped = true;
                break;
            }
            this.succStart[p] = this.edges;
            this.first = this.edges;
            this.moves[p] = this.expandClient(p) | this.expandServer(p);
        }
        // Points found but not expanded (the budget or a stop came first) have no successors listed.
        this.succStart.fill(this.edges, p, points.count + 1);
        return { points, moves: this.moves, succStart: this.succStart, succ: this.succ, complete: !this.full && !this.stopped, stopped: this.stopped };
    }

    private expandClient(p: number): number {
        const { client, points } = this;
        const cg = client.graph;
        const sg = this.server.graph;
        const c = points.client[p];
        const s = points.server[p];
        const f = points.facts[p];
        const settled = (f & 3) !== 0;
        const replied = (f & 2) !== 0;
        let moved = 0;
        for (let e = cg.edgeStart[c], last = cg.edgeStart[c + 1]; e < last; e++) {
            const guard = client.guard[e];
            if (guard === NEEDS_SETTLED ? !settled : guard === NEEDS_NO_REPLY && replied) continue;
            const change = client.change[e];
            // A request made while the server is at its End: a new server instance takes it.
            const nextServer = (change & REQUEST) !== 0 && s === sg.end ? sg.initial : s;
            moved = CLIENT_MOVES;
            this.record(p, cg.edgeTarget[e], nextServer, changedFacts(f, change, client.request[e]), e * 2);
        }
        return moved;
    }

    private expandServer(p: number): number {
        const { server, points } = this;
        const sg = server.graph;
        const c = points.client[p];
        const s = points.server[p];
        const f = points.facts[p];
        const request = f >> 2;
        const accepts = server.dispatches[s];
        const clientAtEnd = c === this.client.graph.end;
        let moved = 0;
        for (let e = sg.edgeStart[s], last = sg.edgeStart[s + 1]; e < last; e++) {
            const guard = server.guard[e];
            if (guard === NEEDS_REQUEST && !(request >= 1 && (accepts === ANY_PROCEDURE || request === 1 || request - 2 === accepts))) continue;
            if (guard === NEEDS_CANCELLED ? (f & 1) === 0 : guard === NEEDS_CLIENT_END && !clientAtEnd) continue;
            moved = SERVER_MOVES;
            this.record(p, c, sg.edgeTarget[e], changedFacts(f, server.change[e], 0), e * 2 + 1);
        }
        return moved;
    }

    /** Records the step from p to (c, s, f), once per distinct successor nearby; notes when the budget is used up. */
    private record(p: number, c: number, s: number, f: number, via: number): void {
        const q = this.points.findOrAdd(c, s, f, p, via);
        if (q < 0) {
            this.full = true;
            return;
        }
        // Two outcomes to the same target are one joint step: skip a repeat of the last few successors.
        for (let i = this.edges - 1, stop = Math.max(this.first, this.edges - 4); i >= stop; i--) {
            if (this.succ[i] === q) return;
        }
        if (this.edges === this.succ.length) this.succ = resized(this.succ, this.succ.length * 2);
        this.succ[this.edges++] = q;
    }
}
