import type { ActionKind, Side } from '../model/machine-model.js';
import type { LegalityCode } from './diagnostic-codes.js';

/**
 * The catalog: every action the language knows, as one table of data. For each
 * side an action is allowed on, its rule says in which phases of the call it
 * is legal, what it does to the phase, which outcome (if any) has a special
 * effect, and which code an illegal use earns in each other phase. The facts
 * come from ../shared/design/call-state.md; the rules from language.md.
 */
export type ClientPhase = 'idle' | 'outstanding' | 'failed' | 'complete' | 'closed';
export type ServerPhase = 'waiting' | 'active' | 'finished';
export type Phase = ClientPhase | ServerPhase;

export const INITIAL_PHASE: Readonly<Record<Side, Phase>> = { client: 'idle', server: 'waiting' };

/** Phases in which entering End leaves the call unfinished (missing-completion). */
export const UNFINISHED_PHASES: ReadonlySet<Phase> = new Set<Phase>(['outstanding', 'complete', 'active']);

export const PHASE_LABELS: Readonly<Record<Phase, string>> = {
    idle: 'no call made yet',
    outstanding: 'call outstanding',
    failed: 'call failed (no notification will come)',
    complete: 'call known complete, RpcAsyncCompleteCall still owed',
    closed: 'call completed',
    waiting: 'waiting for a dispatch',
    active: 'call dispatched and active',
    finished: 'call completed, aborted or raised',
};

/**
 * Every phase, in the order of the call's life: the rows of PHASE_LABELS. A
 * new phase is one row there (and in the Phase type); the exploration, its
 * bit sets and the editor's lists all read this.
 */
export const PHASES: readonly Phase[] = Object.keys(PHASE_LABELS) as Phase[];

/** `same` keeps the phase; any other value is the phase afterwards. */
export type PhaseEffect = Phase | 'same';

export interface PhaseRule {
    /** Phase afterwards, for each phase in which the action is legal. */
    readonly legal: Readonly<Partial<Record<Phase, PhaseEffect>>>;
    /** The code an action earns in each phase where it is illegal. */
    readonly illegal: Readonly<Partial<Record<Phase, LegalityCode>>>;
    /** An outcome whose transition gets its own effect instead of the normal one. */
    readonly special?: { readonly outcome: string; readonly effect: PhaseEffect };
    /** Phases that become legal when the state also handles the special outcome (Complete with `on pending`). */
    readonly legalWhenSpecialHandled?: Readonly<Partial<Record<Phase, PhaseEffect>>>;
    /** Only legal in the state whose action is `dispatch` (a server raise: the RPC thread). */
    readonly onlyOnDispatchThread?: boolean;
}

export interface CatalogEntry {
    readonly kind: ActionKind;
    /** The function or event name for `invoke` and `await`; absent for call, dispatch and raise. */
    readonly name?: string;
    readonly rules: Readonly<Partial<Record<Side, PhaseRule>>>;
    /** What to write instead on the other side, where the documentation has an equivalent. */
    readonly counterpart?: Readonly<Partial<Record<Side, string>>>;
    readonly summary: string;
    readonly facts: readonly string[];
    readonly documentation: string;
}

const LEARN = 'https://learn.microsoft.com/windows/win32';

const clientCallActs: PhaseRule['illegal'] = { idle: 'no-outstanding-call', failed: 'no-outstanding-call', closed: 'after-completion' };
const serverCallActs: PhaseRule['illegal'] = { waiting: 'no-outstanding-call', finished: 'after-completion' };
const serverEndsCall: PhaseRule['illegal'] = { waiting: 'no-outstanding-call', finished: 'double-completion' };
const whileOutstanding = (effect: PhaseEffect): PhaseRule['legal'] => ({ outstanding: effect, complete: effect });
const whileActive: PhaseRule['legal'] = { active: 'same' };

export const CATALOG: readonly CatalogEntry[] = [
    {
        kind: 'call',
        rules: {
            client: {
                legal: { idle: 'outstanding', failed: 'outstanding', closed: 'outstanding' },
                illegal: { outstanding: 'handle-in-use', complete: 'handle-in-use' },
                special: { outcome: 'exception', effect: 'failed' },
            },
        },
        counterpart: { server: 'dispatch' },
        summary: 'Make the asynchronous RPC (the MIDL stub).',
        facts: [
            'Needs an initialized handle; one handle per outstanding call.',
            'On success the call is outstanding; on `exception` nothing is outstanding and no notification will come.',
        ],
        documentation: `${LEARN}/rpc/making-the-asynchronous-call`,
    },
    {
        kind: 'invoke', name: 'RpcAsyncInitializeHandle',
        rules: {
            client: {
                legal: { idle: 'same', failed: 'same', closed: 'same' },
                illegal: { outstanding: 'handle-in-use', complete: 'handle-in-use' },
            },
        },
        summary: 'Initialize the asynchronous handle before the call.',
        facts: ['One handle per outstanding call.', 'Keep the handle and [out] buffers alive until the reply.'],
        documentation: `${LEARN}/api/rpcasync/nf-rpcasync-rpcasyncinitializehandle`,
    },
    {
        kind: 'invoke', name: 'RpcAsyncCancelCall',
        rules: { client: { legal: whileOutstanding('same'), illegal: clientCallActs } },
        counterpart: { server: 'RpcAsyncAbortCall' },
        summary: 'Cancel an outstanding call (TRUE: abortive; FALSE: non-abortive).',
        facts: [
            'Only after the call returned successfully; never after a synchronous failure.',
            'The client still waits for the notification and still calls RpcAsyncCompleteCall.',
            'Escalating from non-abortive to abortive is allowed.',
        ],
        documentation: `${LEARN}/api/rpcasync/nf-rpcasync-rpcasynccancelcall`,
    },
    {
        kind: 'invoke', name: 'RpcAsyncGetCallStatus',
        rules: {
            client: {
                legal: whileOutstanding('complete'),
                illegal: clientCallActs,
                special: { outcome: 'pending', effect: 'same' },
            },
        },
        summary: 'Poll the status of an outstanding call.',
        facts: [
            'Any result but RPC_S_ASYNC_CALL_PENDING means the call is done: RpcAsyncCompleteCall is then still owed.',
        ],
        documentation: `${LEARN}/api/rpcasync/nf-rpcasync-rpcasyncgetcallstatus`,
    },
    {
        kind: 'invoke', name: 'RpcAsyncCompleteCall',
        rules: {
            client: {
                legal: { complete: 'closed' },
                illegal: { idle: 'no-outstanding-call', failed: 'no-outstanding-call', outstanding: 'complete-before-notification', closed: 'double-completion' },
                special: { outcome: 'pending', effect: 'same' },
                legalWhenSpecialHandled: { outstanding: 'closed' },
            },
            server: { legal: { active: 'finished' }, illegal: serverEndsCall },
        },
        summary: 'Complete the call: the client receives the reply; the server sends it.',
        facts: [
            'Client: only once the reply arrived (notification received, or GetCallStatus said done); earlier it returns RPC_S_ASYNC_CALL_PENDING.',
            'Client: any result but PENDING is final: no further Complete or Cancel on that call.',
            'Server: exactly once per dispatched call, also for void functions; never together with RpcAsyncAbortCall.',
        ],
        documentation: `${LEARN}/api/rpcasync/nf-rpcasync-rpcasynccompletecall`,
    },
    {
        kind: 'invoke', name: 'RpcAsyncAbortCall',
        rules: { server: { legal: { active: 'finished' }, illegal: serverEndsCall } },
        counterpart: { client: 'RpcAsyncCancelCall' },
        summary: 'Abort a dispatched call: a fault is sent to the client.',
        facts: ['Server only; the code must be nonzero.', 'At most once; replaces RpcAsyncCompleteCall.'],
        documentation: `${LEARN}/api/rpcasync/nf-rpcasync-rpcasyncabortcall`,
    },
    {
        kind: 'invoke', name: 'RpcServerTestCancel',
        rules: { server: { legal: whileActive, illegal: serverCallActs } },
        summary: 'Ask whether the client cancelled the dispatched call.',
        facts: ['A cancelled call must still be completed or aborted.'],
        documentation: `${LEARN}/api/rpcdce/nf-rpcdce-rpcservertestcancel`,
    },
    {
        kind: 'invoke', name: 'RpcServerSubscribeForNotification',
        rules: { server: { legal: whileActive, illegal: serverCallActs } },
        summary: 'Subscribe to ClientDisconnect and CallCancel notifications (Windows Vista and later).',
        facts: ['Unsubscribe before the call completes (Complete, Abort or exception).'],
        documentation: `${LEARN}/api/rpcasync/nf-rpcasync-rpcserversubscribefornotification`,
    },
    {
        kind: 'invoke', name: 'RpcServerUnsubscribeForNotification',
        rules: { server: { legal: whileActive, illegal: serverCallActs } },
        summary: 'Stop the notifications subscribed with RpcServerSubscribeForNotification.',
        facts: ['Unsubscribe before the call completes (Complete, Abort or exception).'],
        documentation: `${LEARN}/api/rpcasync/nf-rpcasync-rpcserverunsubscribefornotification`,
    },
    {
        kind: 'await', name: 'RpcCallComplete',
        rules: { client: { legal: whileOutstanding('complete'), illegal: clientCallActs } },
        summary: 'Wait for the call-complete notification.',
        facts: ['After it, RpcAsyncCompleteCall receives the reply.'],
        documentation: `${LEARN}/rpc/waiting-for-the-asynchronous-reply`,
    },
    {
        kind: 'await', name: 'RpcSendComplete',
        rules: { client: { legal: whileOutstanding('same'), illegal: clientCallActs } },
        summary: 'Wait until a pipe chunk was sent (calls with pipes only).',
        facts: ['The call stays outstanding.'],
        documentation: `${LEARN}/api/rpcasync/ne-rpcasync-rpc_async_event`,
    },
    {
        kind: 'await', name: 'RpcReceiveComplete',
        rules: { client: { legal: whileOutstanding('same'), illegal: clientCallActs } },
        summary: 'Wait until a pipe chunk was received (calls with pipes only).',
        facts: ['The call stays outstanding.'],
        documentation: `${LEARN}/api/rpcasync/ne-rpcasync-rpc_async_event`,
    },
    {
        kind: 'await', name: 'RpcClientCancel',
        rules: { server: { legal: whileActive, illegal: serverCallActs } },
        summary: 'Wait for the client to cancel the dispatched call.',
        facts: ['Delivered after RpcServerSubscribeForNotification.', 'A cancelled call must still be completed or aborted.'],
        documentation: `${LEARN}/api/rpcasync/ne-rpcasync-rpc_async_event`,
    },
    {
        kind: 'await', name: 'RpcClientDisconnect',
        rules: { server: { legal: whileActive, illegal: serverCallActs } },
        summary: 'Wait for the client to disconnect.',
        facts: ['Delivered after RpcServerSubscribeForNotification.'],
        documentation: `${LEARN}/api/rpcasync/ne-rpcasync-rpc_async_event`,
    },
    {
        kind: 'dispatch',
        rules: {
            server: {
                legal: { waiting: 'active', finished: 'active' },
                illegal: { active: 'handle-in-use' },
            },
        },
        counterpart: { client: 'call' },
        summary: 'The run time dispatches the call; the manager routine runs on the RPC thread.',
        facts: ['Only this state runs on the RPC thread: a fatal failure may raise here.'],
        documentation: `${LEARN}/rpc/sending-the-asynchronous-reply`,
    },
    {
        kind: 'raise',
        rules: {
            client: {
                legal: { idle: 'same', outstanding: 'same', failed: 'same', complete: 'same', closed: 'same' },
                illegal: {},
            },
            server: {
                legal: { active: 'finished' },
                illegal: serverEndsCall,
                onlyOnDispatchThread: true,
            },
        },
        summary: 'Raise an exception (RpcRaiseException); it never returns.',
        facts: [
            'Client: an application exception; the call is unaffected.',
            'Server: fails the call fatally, and only while executing on the RPC (dispatch) thread.',
        ],
        documentation: `${LEARN}/api/rpcdce/nf-rpcdce-rpcraiseexception`,
    },
];

// call, dispatch and raise are keyed by kind alone (call and dispatch may name
// the user's procedure, which is no catalog key); invoke and await by name.
const byKind = new Map<ActionKind, CatalogEntry>(CATALOG.filter(entry => entry.name === undefined).map(entry => [entry.kind, entry]));
const byName: Record<'invoke' | 'await', Map<string, CatalogEntry>> = {
    invoke: new Map(CATALOG.filter(entry => entry.kind === 'invoke').map(entry => [entry.name!, entry])),
    await: new Map(CATALOG.filter(entry => entry.kind === 'await').map(entry => [entry.name!, entry])),
};

/** The entry for an action or effect, or undefined when the catalog does not know it. */
export function lookupCatalog(kind: ActionKind, name: string | undefined): CatalogEntry | undefined {
    return kind === 'invoke' || kind === 'await' ? byName[kind].get(name ?? '') : byKind.get(kind);
}

/** Every catalog name usable after `invoke` or `await`. */
export function catalogNames(kind: 'invoke' | 'await'): string[] {
    return CATALOG.filter(entry => entry.kind === kind).map(entry => entry.name!);
}

/** The catalog entry with the same name but the other keyword, e.g. `invoke RpcCallComplete`. */
export function entryUnderOtherKind(kind: 'invoke' | 'await', name: string): CatalogEntry | undefined {
    return lookupCatalog(kind === 'invoke' ? 'await' : 'invoke', name);
}

/** The phase after applying an effect to a phase. */
export function applyEffect(phase: Phase, effect: PhaseEffect): Phase {
    return effect === 'same' ? phase : effect;
}

export function otherSide(side: Side): Side {
    return side === 'client' ? 'server' : 'client';
}
