import type { Side } from '../../model/machine-model.js';
import type { CompiledMachine } from './compiled-machine.js';
import type { JointSpace } from './joint-exploration.js';
import { CLIENT_MOVES, SERVER_MOVES } from './joint-exploration.js';

/**
 * Where a machine waits forever. The definition (docs/language-reference.md, "Client
 * and server together"): machine M is stuck at a reachable joint point p when
 *
 *   M is not done at p, and no joint point reachable from p (p included)
 *   lets M take one of its transitions.
 *
 * Until M moves it stays in its state, and only M's own move can make it
 * done (a request leaves only by `dispatch`), so this is exactly "not done
 * and can never move again, whatever the other machine does". It is decided
 * with one backward search per machine over the reachable space, from the
 * points where M can move: linear in points and steps.
 */
export interface StuckPoints {
    /** Per client state: the first point (so one nearest the start) where the client is stuck in it, or -1. */
    readonly client: Int32Array;
    /** The same per server state. */
    readonly server: Int32Array;
    isStuck(side: Side, point: number): boolean;
}

export function isDone(side: Side, machine: CompiledMachine, state: number, facts: number): boolean {
    if (state === machine.graph.end) return true;
    return side === 'server' && machine.isDispatch[state] === 1 && facts >> 2 === 0;
}

export function findStuckPoints(space: JointSpace, client: CompiledMachine, server: CompiledMachine): StuckPoints {
    const { points, moves } = space;
    const waitsClient = (p: number) => (moves[p] & CLIENT_MOVES) === 0 && !isDone('client', client, points.client[p], points.facts[p]);
    const waitsServer = (p: number) => (moves[p] & SERVER_MOVES) === 0 && !isDone('server', server, points.server[p], points.facts[p]);
    let anyClient = false;
    let anyServer = false;
    for (let p = 0; p < points.count && !(anyClient && anyServer); p++) {
        anyClient ||= waitsClient(p);
        anyServer ||= waitsServer(p);
    }
    const predecessors = anyClient || anyServer ? reverseSteps(space) : undefined;
    const clientMoves = anyClient && predecessors ? reachesMove(space, predecessors, CLIENT_MOVES) : undefined;
    const serverMoves = anyServer && predecessors ? reachesMove(space, predecessors, SERVER_MOVES) : undefined;
    const isStuck = (side: Side, p: number): boolean => side === 'client'
        ? clientMoves !== undefined && clientMoves[p] === 0 && waitsClient(p)
        : serverMoves !== undefined && serverMoves[p] === 0 && waitsServer(p);

    const firstClient = new Int32Array(client.graph.states.length).fill(-1);
    const firstServer = new Int32Array(server.graph.states.length).fill(-1);
    for (let p = 0; p < points.count && (clientMoves || serverMoves); p++) {
        if (isStuck('client', p) && firstClient[points.client[p]] < 0) firstClient[points.client[p]] = p;
        if (isStuck('server', p) && firstServer[points.server[p]] < 0) firstServer[points.server[p]] = p;
    }
    return { client: firstClient, server: firstServer, isStuck };
}

/** The steps backwards, as flat arrays: the predecessors of q are pred[predStart[q] .. predStart[q + 1] - 1]. */
function reverseSteps(space: JointSpace): { predStart: Int32Array; pred: Int32Array } {
    const n = space.points.count;
    const { succStart, succ } = space;
    const predStart = new Int32Array(n + 1);
    const edges = succStart[n];
    for (let i = 0; i < edges; i++) predStart[succ[i] + 1]++;
    for (let q = 0; q < n; q++) predStart[q + 1] += predStart[q];
    const pred = new Int32Array(edges);
    const filled = predStart.slice(0, n);
    for (let p = 0; p < n; p++) {
        for (let i = succStart[p]; i < succStart[p + 1]; i++) pred[filled[succ[i]]++] = p;
    }
    return { predStart, pred };
}

/** 1 for every point from which some point where the machine (bit) can move is reachable. */
function reachesMove(space: JointSpace, reverse: { predStart: Int32Array; pred: Int32Array }, bit: number): Uint8Array {
    const n = space.points.count;
    const reaches = new Uint8Array(n);
    const stack = new Int32Array(n);
    let top = 0;
    for (let p = 0; p < n; p++) {
        if (space.moves[p] & bit) {
            reaches[p] = 1;
            stack[top++] = p;
        }
    }
    const { predStart, pred } = reverse;
    while (top > 0) {
        const q = stack[--top];
        for (let i = predStart[q]; i < predStart[q + 1]; i++) {
            const p = pred[i];
            if (reaches[p] === 0) {
                reaches[p] = 1;
                stack[top++] = p;
            }
        }
    }
    return reaches;
}
