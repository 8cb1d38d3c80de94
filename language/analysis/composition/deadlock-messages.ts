import type { Side, StateModel } from '../../model/machine-model.js';
import { actionLabel } from '../action-labels.js';

/** What a stuck machine waits for, read from its state's action and the facts of the call. */
export type WaitKind =
    /** The client's notification, status or Complete, before the server replied. */
    | 'reply'
    /** The client's status or Complete after the reply, in a state that handles only `on pending`. */
    | 'result'
    /** A server's `dispatch` while a call of another procedure waits. */
    | 'dispatch'
    | 'cancel'
    | 'disconnect'
    /** A state with no transition at all (only when the gate is bypassed: a machine alone reports it first). */
    | 'no-transition';

/** A machine at the joint point where the deadlock shows: waiting, done, or still able to move. */
export interface MachineSituation {
    readonly side: Side;
    readonly machine: string;
    readonly state: StateModel;
    readonly status: 'waits' | 'done' | 'moves';
    /** For a waiting machine. */
    readonly wait?: WaitKind;
    /** The procedure of the call waiting to be dispatched, if it names one. */
    readonly requested?: string;
}

function need(m: MachineSituation): string {
    const action = m.state.action;
    switch (m.wait) {
        case 'reply': return action?.kind === 'await' ? action.name ?? 'the reply' : `the call to complete${action ? ` (${actionLabel(action)})` : ''}`;
        case 'no-transition': return 'a transition to take (it has none)';
        case 'result': return `an outcome other than \`pending\` (the call is complete, and ${m.state.name} handles only \`on pending\`)`;
        case 'dispatch': return `a call of ${action?.name ?? 'any procedure'}`;
        case 'cancel': return 'RpcClientCancel';
        case 'disconnect': return 'RpcClientDisconnect';
        default: return 'nothing';
    }
}

/** `server Worker never completes, aborts or raises the call`: why the wait of `m` never ends. */
function neverGiven(m: MachineSituation, other: MachineSituation): string {
    const them = `${other.side} ${other.machine}`;
    switch (m.wait) {
        case 'reply': return `${them} never completes, aborts or raises the call, and ${m.machine} never cancels it`;
        case 'result': return 'no other outcome can come';
        case 'no-transition': return 'nothing the other machine does can help';
        case 'dispatch': return `the call waiting to be dispatched is ${m.requested ?? 'unnamed'}, and ${them} never calls ${m.state.action?.name ?? 'it'}`;
        case 'cancel': return `${them} never cancels`;
        case 'disconnect': return `${them} never reaches its End`;
        default: return `${them} never gives it`;
    }
}

function situation(m: MachineSituation): string {
    switch (m.status) {
        case 'waits': return `it waits in ${m.state.name} for ${need(m)}`;
        case 'done': return m.state.end ? 'it is at its End' : `it is idle in ${m.state.name}, with no call waiting`;
        default: return `it is still in ${m.state.name}, and none of its paths from there does`;
    }
}

/** The last entry of the interleaving: what each machine waits for and why the other never gives it. */
export function waitingSummary(waiting: MachineSituation, other: MachineSituation): string {
    return `${waiting.side} ${waiting.machine} waits in ${waiting.state.name} for ${need(waiting)}; ${neverGiven(waiting, other)} on this path (${situation(other)})`;
}

/** The diagnostic's message: who waits for what, why it never comes, and how to fix it. */
export function deadlockMessage(waiting: MachineSituation, other: MachineSituation, steps: number): string {
    const who = `${waiting.side === 'client' ? 'Client' : 'Server'} ${waiting.machine}`;
    return `${who} can wait forever in ${waiting.state.name} for ${need(waiting)}: ${neverGiven(waiting, other)} (${situation(other)}); `
        + `a shortest interleaving of ${steps} step${steps === 1 ? '' : 's'} leads there. ${fix(waiting, other)}`;
}

function fix(waiting: MachineSituation, other: MachineSituation): string {
    const sameProcedure = (requested: string | undefined, dispatched: string | undefined) =>
        `Name the same procedure on both sides (\`call ${requested ?? dispatched}\` and \`dispatch ${requested ?? dispatched}\`), or dispatch without naming a procedure.`;
    switch (waiting.wait) {
        case 'cancel':
            return 'Send the cancel (the client invokes RpcAsyncCancelCall, e.g. `on timeout invoke RpcAsyncCancelCall -> WComp`), or drop the wait: complete or abort the call without it (RpcServerTestCancel checks for a cancel without waiting).';
        case 'disconnect':
            return 'Drop the wait (complete or abort the call instead: the client ends only after its reply), or let the client cancel the call, so that it can end without the reply.';
        case 'dispatch':
            return sameProcedure(waiting.requested, waiting.state.action?.name);
        case 'result':
            return `Handle the final outcome in ${waiting.state.name} too (e.g. \`on done -> ...\`).`;
        case 'no-transition':
            return `Add a transition out of ${waiting.state.name}.`;
        default:
            break;
    }
    if (other.status === 'waits' && other.wait === 'cancel') return 'Send the cancel (invoke RpcAsyncCancelCall, e.g. on a timeout, before waiting), or let the server complete the call without waiting for it.';
    if (other.status === 'waits' && other.wait === 'dispatch') return sameProcedure(other.requested, other.state.action?.name);
    if (other.status === 'waits' && other.wait === 'disconnect') return 'Make the server complete or abort the call instead of waiting for RpcClientDisconnect, or cancel the call so that the client can end without the reply.';
    return 'Make the server complete, abort or raise the call on every path, or send the cancel (RpcAsyncCancelCall) before waiting.';
}
