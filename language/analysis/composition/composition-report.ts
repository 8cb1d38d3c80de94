import type { MachineModel, ProtocolModel, Side, StateModel, TransitionModel } from '../../model/machine-model.js';
import type { SourceRange } from '../../model/source-range.js';
import { plainRange } from '../../model/plain-model.js';
import type { Finding } from '../finding.js';
import type { CompositionResult, Deadlock } from './analyze-composition.js';
import type { WaitKind } from './deadlock-messages.js';
import type { Change } from './joint-rules.js';
import { actionChange, jointRule } from './joint-rules.js';
import { groupedDigits } from '../grouped-digits.js';

/** Where one machine is: its name, its state, and the state's name in the text. */
export interface MachinePlace {
    readonly side: Side;
    readonly machine: string;
    readonly state: string;
    readonly stateRange: SourceRange;
}

/** One step of an interleaving, as the editor and the diagram show it. */
export interface TraceStep {
    /** Its number in the whole interleaving (1-based; steps before the listed ones are counted, not listed). */
    readonly number: number;
    readonly side: Side;
    readonly machine: string;
    readonly state: string;
    /** The transition taken: its index among its state's transitions, and where it is written. */
    readonly transition: number;
    readonly range: SourceRange;
    /** The related-information text of the step (`3. server Worker, D: dispatch, on slow -> Hold`). */
    readonly message: string;
    /** What the step does to the call, by the contract's table: makes a request, cancels, takes the request (`consume`), replies. */
    readonly changes: readonly Change[];
    /** Both machines just before the step. */
    readonly before: { readonly client: MachinePlace; readonly server: MachinePlace };
}

/** A machine at the point where the deadlock shows. */
export interface FinalPlace extends MachinePlace {
    readonly status: 'waits' | 'done' | 'moves';
    readonly wait?: WaitKind;
    /** Where it waits: the state's action (or name). */
    readonly range: SourceRange;
}

/** One protocol-deadlock with its interleaving, in plain data (it crosses threads and the wire). */
export interface DeadlockTrace {
    readonly finding: Finding;
    readonly waiting: FinalPlace;
    readonly other: FinalPlace;
    /** Steps before the listed ones (only the last MAX_LISTED_STEPS are listed). */
    readonly skipped: number;
    readonly steps: readonly TraceStep[];
    /** The server's `dispatch` names another procedure than the waiting call: the two names. */
    readonly mismatch?: { readonly called: string; readonly dispatched: string };
}

/** The client × server check in plain data: what the editor, its commands and the diagram read. */
export interface CompositionReport extends Omit<CompositionResult, 'deadlocks'> {
    readonly deadlocks: readonly DeadlockTrace[];
}

/**
 * The result of `analyzeComposition` as plain data: every state and
 * transition becomes a name, an index and a range, so the report can be
 * structured-cloned to another thread or sent as JSON. Findings are copied
 * (their ranges are plain already).
 */
export function compositionReport(result: CompositionResult, protocol: ProtocolModel): CompositionReport {
    const machines = {
        client: protocol.machines.find(m => m.side === 'client' && m.name === result.client),
        server: protocol.machines.find(m => m.side === 'server' && m.name === result.server),
    };
    const deadlocks = machines.client && machines.server
        ? result.deadlocks.map(d => deadlockTrace(d, { client: machines.client!, server: machines.server! }))
        : [];
    return {
        status: result.status,
        ...(result.reason !== undefined ? { reason: result.reason } : {}),
        ...(result.client !== undefined ? { client: result.client } : {}),
        ...(result.server !== undefined ? { server: result.server } : {}),
        points: result.points,
        steps: result.steps,
        findings: result.findings.map(plainFinding),
        deadlocks,
    };
}

function deadlockTrace(deadlock: Deadlock, machines: { client: MachineModel; server: MachineModel }): DeadlockTrace {
    const { waiting, other, interleaving } = deadlock;
    const finalPlace = (m: typeof waiting): FinalPlace => ({
        ...place(m.side, m.machine, m.state),
        status: m.status,
        ...(m.wait !== undefined ? { wait: m.wait } : {}),
        range: plainRange(m.state.action?.range ?? m.state.nameRange),
    });
    const last = { [waiting.side]: finalPlace(waiting), [other.side]: finalPlace(other) } as { client: FinalPlace; server: FinalPlace };
    // Walk back from the end: before a step, its machine is in the step's state and the other where it is after it.
    const path = deadlock.finding.path ?? [];
    const offset = interleaving.skipped > 0 ? 1 : 0;
    const steps: TraceStep[] = new Array(interleaving.steps.length);
    let after: { client: MachinePlace; server: MachinePlace } = { client: stripFinal(last.client), server: stripFinal(last.server) };
    for (let i = interleaving.steps.length - 1; i >= 0; i--) {
        const step = interleaving.steps[i];
        const before = { ...after, [step.side]: place(step.side, step.machine, step.state) } as { client: MachinePlace; server: MachinePlace };
        if (step.newServerInstance) {
            const end = machines.server.states.find(s => s.end);
            if (end) before.server = place('server', machines.server.name, end);
        }
        steps[i] = {
            number: interleaving.skipped + i + 1,
            side: step.side,
            machine: step.machine,
            state: step.state.name,
            transition: step.state.transitions.indexOf(step.transition),
            range: plainRange(step.transition.range),
            message: path[offset + i]?.message ?? '',
            changes: stepChanges(step.side, step.state, step.transition),
            before,
        };
        after = before;
    }
    const mismatch = procedureMismatch(waiting, other);
    return {
        finding: plainFinding(deadlock.finding),
        waiting: last[waiting.side],
        other: last[other.side],
        skipped: interleaving.skipped,
        steps,
        ...(mismatch ? { mismatch } : {}),
    };
}

/** A server waiting in a `dispatch PROC` while a call of another procedure waits: the client calls one name, the server dispatches another. */
function procedureMismatch(waiting: Deadlock['waiting'], other: Deadlock['other']): DeadlockTrace['mismatch'] {
    const server = waiting.side === 'server' ? waiting : other;
    if (server.status !== 'waits' || server.wait !== 'dispatch') return undefined;
    const dispatched = server.state.action?.name;
    if (!server.requested || !dispatched || server.requested === dispatched) return undefined;
    return { called: server.requested, dispatched };
}

function stepChanges(side: Side, state: StateModel, transition: TransitionModel): Change[] {
    const changes: Change[] = [];
    const action = actionChange(jointRule(side, state.action), transition.outcome);
    if (action) changes.push(action);
    const effect = jointRule(side, transition.effect)?.change;
    if (effect && !changes.includes(effect)) changes.push(effect);
    return changes;
}

function place(side: Side, machine: string, state: StateModel): MachinePlace {
    return { side, machine, state: state.name, stateRange: plainRange(state.nameRange) };
}

function stripFinal(p: FinalPlace): MachinePlace {
    return { side: p.side, machine: p.machine, state: p.state, stateRange: p.stateRange };
}

function plainFinding(f: Finding): Finding {
    return {
        code: f.code,
        severity: f.severity,
        message: f.message,
        range: plainRange(f.range),
        ...(f.machine !== undefined ? { machine: f.machine } : {}),
        ...(f.path ? { path: f.path.map(s => ({ message: s.message, range: plainRange(s.range), ...(s.machine !== undefined ? { machine: s.machine } : {}) })) } : {}),
    };
}

function count(n: number, word: string): string {
    return `${groupedDigits(n)} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The verdict of the client × server check, for the editor's code lens on
 * the `protocol` line and the CLI: `client Caller × server Worker: no deadlock, 14 joint
 * points explored`, the deadlock count, or why there is no verdict.
 * Undefined or `cancelled` (a newer edit stopped the check) reads "checking".
 */
export function compositionVerdict(report: CompositionReport | undefined): string {
    if (!report || report.status === 'cancelled') return 'client × server: checking…';
    const pair = report.client !== undefined && report.server !== undefined ? `client ${report.client} × server ${report.server}` : 'client × server';
    switch (report.status) {
        case 'not-run':
            return `${pair}: not checked (${report.reason ?? 'the check does not apply'})`;
        case 'skipped':
            return `${pair}: no verdict, stopped at its budget after ${count(report.points, 'joint point')}`;
        default:
            return report.deadlocks.length === 0
                ? `${pair}: no deadlock, ${count(report.points, 'joint point')} explored`
                : `${pair}: ${count(report.deadlocks.length, 'deadlock')}, ${count(report.points, 'joint point')} explored`;
    }
}
