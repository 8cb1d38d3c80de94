import type { Side, StateModel } from '../../model/machine-model.js';
import type { Finding, PathStep } from '../finding.js';
import { finding } from '../finding.js';
import { transitionLabel } from '../offending-path.js';
import type { CompiledMachine, Procedures } from './compiled-machine.js';
import type { MachineSituation, WaitKind } from './deadlock-messages.js';
import { deadlockMessage, waitingSummary } from './deadlock-messages.js';
import type { Interleaving } from './interleaving.js';
import { interleavingTo } from './interleaving.js';
import type { JointSpace } from './joint-exploration.js';
import { jointRule } from './joint-rules.js';
import type { StuckPoints } from './stuck-points.js';
import { isDone } from './stuck-points.js';

/** One action that can wait forever, with a shortest interleaving that shows it. */
export interface Deadlock {
    readonly waiting: MachineSituation;
    /** The other machine at the same joint point. */
    readonly other: MachineSituation;
    readonly interleaving: Interleaving;
    readonly finding: Finding;
}

interface Composed {
    readonly client: CompiledMachine;
    readonly server: CompiledMachine;
    readonly procedures: Procedures;
}

/** A protocol-deadlock per state in which a machine can be stuck, at the nearest such point; client's first, then server's. */
export function deadlockFindings(space: JointSpace, composed: Composed, stuck: StuckPoints): Deadlock[] {
    const deadlocks: Deadlock[] = [];
    for (const side of ['client', 'server'] as const) {
        const firstStuck = stuck[side];
        for (let s = 0; s < firstStuck.length; s++) {
            if (firstStuck[s] >= 0) deadlocks.push(deadlockAt(space, composed, stuck, side, firstStuck[s]));
        }
    }
    return deadlocks;
}

function deadlockAt(space: JointSpace, composed: Composed, stuck: StuckPoints, side: Side, point: number): Deadlock {
    const waiting = situationOf(space, composed, stuck, side, point);
    const other = situationOf(space, composed, stuck, side === 'client' ? 'server' : 'client', point);
    const interleaving = interleavingTo(space, composed.client, composed.server, point);
    const total = interleaving.skipped + interleaving.steps.length;
    const range = waiting.state.action?.range ?? waiting.state.nameRange;
    const path = interleavingSteps(interleaving, composed, { message: `${total + 1}. ${waitingSummary(waiting, other)}`, range, machine: waiting.machine });
    const result = finding('protocol-deadlock', deadlockMessage(waiting, other, total), range, { machine: waiting.machine, path });
    return { waiting, other, interleaving, finding: result };
}

function situationOf(space: JointSpace, composed: Composed, stuck: StuckPoints, side: Side, point: number): MachineSituation {
    const machine = composed[side];
    const stateNumber = side === 'client' ? space.points.client[point] : space.points.server[point];
    const state = machine.graph.states[stateNumber];
    const facts = space.points.facts[point];
    const request = facts >> 2;
    const requested = request >= 2 ? composed.procedures.names[request - 2] : undefined;
    const base = { side, machine: machine.graph.machine.name, state, ...(requested !== undefined ? { requested } : {}) };
    if (stuck.isStuck(side, point)) return { ...base, status: 'waits', wait: waitKind(side, state, (facts & 2) !== 0) };
    return { ...base, status: isDone(side, machine, stateNumber, facts) ? 'done' : 'moves' };
}

function waitKind(side: Side, state: StateModel, replied: boolean): WaitKind {
    if (state.transitions.length === 0) return 'no-transition';
    switch (jointRule(side, state.action)?.guard) {
        case 'request': return 'dispatch';
        case 'cancelled': return 'cancel';
        case 'client-at-end': return 'disconnect';
        case 'reply-or-cancelled': return replied ? 'result' : 'reply';
        default: return 'no-transition';
    }
}

/** Related information: one entry per step (machine, state, action and outcome, target), then the waiting summary. */
function interleavingSteps(interleaving: Interleaving, composed: Composed, last: PathStep): PathStep[] {
    const { skipped, steps } = interleaving;
    const entries: PathStep[] = [];
    const client = composed.client.graph;
    const server = composed.server.graph;
    if (skipped > 0) {
        entries.push({
            message: `1–${skipped}. ${skipped} step${skipped === 1 ? '' : 's'} from the start (client ${client.machine.name} in ${client.states[client.initial].name}, server ${server.machine.name} in ${server.states[server.initial].name}), not listed`,
            range: client.states[client.initial].nameRange,
            machine: client.machine.name,
        });
    }
    steps.forEach((step, i) => {
        const restart = step.newServerInstance ? ` (server ${server.machine.name} was at its End: a new instance takes the call, in ${server.states[server.initial].name})` : '';
        entries.push({
            message: `${skipped + i + 1}. ${step.side} ${step.machine}, ${step.state.name}: ${transitionLabel(step.state, step.transition)}${restart}`,
            range: step.transition.range,
            machine: step.machine,
        });
    });
    entries.push(last);
    return entries;
}
