import type { MachineModel, StateModel, TransitionModel } from '../../language/model/machine-model.js';

/**
 * A reference explorer of client × server, written straight from the guard
 * table of ../shared/design/composition.md and independently of
 * language/analysis/composition: points are plain objects with string keys,
 * stuck points are found by a forward search from every point, nothing is
 * optimised. Only for small machines, in tests.
 */
export interface RefPoint {
    readonly client: string;
    readonly server: string;
    /** null: no request; '*': a call naming no procedure; else the procedure. */
    readonly request: string | null;
    readonly reply: boolean;
    readonly cancelled: boolean;
}

export interface RefStep {
    readonly side: 'client' | 'server';
    readonly state: string;
    readonly transition: TransitionModel;
    readonly to: RefPoint;
}

const key = (p: RefPoint) => `${p.client}|${p.server}|${p.request}|${p.reply}|${p.cancelled}`;
const stateOf = (m: MachineModel, name: string) => m.states.find(s => s.name === name)!;
const isAction = (state: StateModel, kind: string, name?: string) => state.action?.kind === kind && (name === undefined || state.action.name === name);
const effectIs = (t: TransitionModel, kind: string, name?: string) => t.effect?.kind === kind && (name === undefined || t.effect.name === name);

export class ReferenceComposition {
    private readonly clientEnd: string;
    private readonly serverEnd: string;
    private readonly serverInitial: string;

    constructor(readonly client: MachineModel, readonly server: MachineModel) {
        this.clientEnd = client.states.find(s => s.end)!.name;
        this.serverEnd = server.states.find(s => s.end)!.name;
        this.serverInitial = server.states.find(s => s.initial)!.name;
    }

    start(): RefPoint {
        return { client: this.client.states.find(s => s.initial)!.name, server: this.serverInitial, request: null, reply: false, cancelled: false };
    }

    clientCanTake(p: RefPoint, state: StateModel, t: TransitionModel): boolean {
        if (isAction(state, 'await', 'RpcCallComplete')) return p.reply || p.cancelled;
        if (isAction(state, 'invoke', 'RpcAsyncGetCallStatus') || isAction(state, 'invoke', 'RpcAsyncCompleteCall')) {
            return t.outcome === 'pending' ? !p.reply : p.reply || p.cancelled;
        }
        return true;
    }

    serverCanTake(p: RefPoint, state: StateModel): boolean {
        if (isAction(state, 'dispatch')) return p.request !== null && (state.action!.name === undefined || p.request === '*' || p.request === state.action!.name);
        if (isAction(state, 'await', 'RpcClientCancel')) return p.cancelled;
        if (isAction(state, 'await', 'RpcClientDisconnect')) return p.client === this.clientEnd;
        return true;
    }

    /** Every step from p, client's first. */
    steps(p: RefPoint): RefStep[] {
        const result: RefStep[] = [];
        const cs = stateOf(this.client, p.client);
        for (const t of cs.transitions) {
            if (!this.clientCanTake(p, cs, t)) continue;
            let next: RefPoint = { ...p, client: t.target };
            if (isAction(cs, 'call') && t.outcome !== 'exception') {
                next = { ...next, request: cs.action!.name ?? '*', reply: false, cancelled: false };
                if (p.server === this.serverEnd) next = { ...next, server: this.serverInitial };
            }
            if (isAction(cs, 'invoke', 'RpcAsyncCancelCall') || effectIs(t, 'invoke', 'RpcAsyncCancelCall')) next = { ...next, cancelled: true };
            result.push({ side: 'client', state: cs.name, transition: t, to: next });
        }
        const ss = stateOf(this.server, p.server);
        for (const t of ss.transitions) {
            if (!this.serverCanTake(p, ss)) continue;
            let next: RefPoint = { ...p, server: t.target };
            if (isAction(ss, 'dispatch')) next = { ...next, request: null };
            const ends = (kind: string, name?: string) => isAction(ss, kind, name) || effectIs(t, kind, name);
            if (ends('invoke', 'RpcAsyncCompleteCall') || ends('invoke', 'RpcAsyncAbortCall') || ends('raise')) next = { ...next, reply: true };
            result.push({ side: 'server', state: ss.name, transition: t, to: next });
        }
        return result;
    }

    done(side: 'client' | 'server', p: RefPoint): boolean {
        if (side === 'client') return p.client === this.clientEnd;
        return p.server === this.serverEnd || (isAction(stateOf(this.server, p.server), 'dispatch') && p.request === null);
    }

    /** The reachable points with their breadth-first depth. */
    reachable(): Map<string, { point: RefPoint; depth: number }> {
        const seen = new Map<string, { point: RefPoint; depth: number }>();
        const queue: RefPoint[] = [this.start()];
        seen.set(key(queue[0]), { point: queue[0], depth: 0 });
        for (let i = 0; i < queue.length; i++) {
            const depth = seen.get(key(queue[i]))!.depth;
            for (const step of this.steps(queue[i])) {
                if (!seen.has(key(step.to))) {
                    seen.set(key(step.to), { point: step.to, depth: depth + 1 });
                    queue.push(step.to);
                }
            }
        }
        return seen;
    }

    /** Not done, and no point reachable from p (p included) where the machine has a step. */
    stuck(side: 'client' | 'server', p: RefPoint): boolean {
        if (this.done(side, p)) return false;
        const seen = new Set([key(p)]);
        const stack = [p];
        while (stack.length > 0) {
            const q = stack.pop()!;
            const steps = this.steps(q);
            if (steps.some(s => s.side === side)) return false;
            for (const s of steps) {
                if (!seen.has(key(s.to))) {
                    seen.add(key(s.to));
                    stack.push(s.to);
                }
            }
        }
        return true;
    }

    /** `side state` → the depth of the nearest point where that machine is stuck in that state. */
    deadlocks(): Map<string, number> {
        const result = new Map<string, number>();
        for (const { point, depth } of this.reachable().values()) {
            for (const side of ['client', 'server'] as const) {
                if (!this.stuck(side, point)) continue;
                const name = `${side} ${side === 'client' ? point.client : point.server}`;
                if (!result.has(name) || result.get(name)! > depth) result.set(name, depth);
            }
        }
        return result;
    }

    /** Replays an interleaving; the point it leads to, or a message saying which step cannot be taken. */
    replay(steps: ReadonlyArray<{ side: 'client' | 'server'; state: StateModel; transition: TransitionModel }>): RefPoint | string {
        let p = this.start();
        for (const [i, step] of steps.entries()) {
            const taken = this.steps(p).find(s => s.side === step.side && s.state === step.state.name && s.transition === step.transition);
            if (!taken) return `step ${i + 1} (${step.side} ${step.state.name}) cannot be taken at ${key(p)}`;
            p = taken.to;
        }
        return p;
    }
}
