import type { ActionKind, Side } from '../../model/machine-model.js';

/**
 * The guard table of ../shared/design/composition.md as data: for each action
 * a machine's state can have, which of its transitions can be taken given the
 * facts of the current call, and what taking one changes. Effects on a
 * transition contribute their change only (the table's guards belong to the
 * state's action). Anything not listed can always be taken and changes
 * nothing. The exploration reads this table through `compileMachine`; it has
 * no branch of its own on action names.
 */
export type Guard =
    /** Can always be taken. */
    | 'always'
    /** Only once the server replied or the client cancelled (client's completion notification, final status). */
    | 'reply-or-cancelled'
    /** Only while the server has not replied (`on pending` of the client's status and Complete). */
    | 'no-reply'
    /** Only while a call with a matching procedure waits to be dispatched. */
    | 'request'
    /** Only once the client cancelled. */
    | 'cancelled'
    /** Only once the client is at its End. */
    | 'client-at-end';

export type Change =
    /** A new request with the call's procedure; clears reply and cancelled; a server at End starts over. */
    | 'request'
    /** The client cancelled the call. */
    | 'cancel'
    /** The server took the request. */
    | 'consume'
    /** The server completed, aborted or raised the call. */
    | 'reply';

export interface JointRule {
    readonly side: Side;
    readonly kind: ActionKind;
    /** The function or event, for `invoke` and `await`. */
    readonly name?: string;
    readonly guard: Guard;
    /** A different guard for the transition on this outcome. */
    readonly outcomeGuard?: { readonly outcome: string; readonly guard: Guard };
    readonly change?: Change;
    /** The transition on this outcome changes nothing (a `call` that ended in `exception`). */
    readonly noChangeOn?: string;
}

export const JOINT_RULES: readonly JointRule[] = [
    { side: 'client', kind: 'call', guard: 'always', change: 'request', noChangeOn: 'exception' },
    { side: 'client', kind: 'await', name: 'RpcCallComplete', guard: 'reply-or-cancelled' },
    { side: 'client', kind: 'invoke', name: 'RpcAsyncGetCallStatus', guard: 'reply-or-cancelled', outcomeGuard: { outcome: 'pending', guard: 'no-reply' } },
    { side: 'client', kind: 'invoke', name: 'RpcAsyncCompleteCall', guard: 'reply-or-cancelled', outcomeGuard: { outcome: 'pending', guard: 'no-reply' } },
    { side: 'client', kind: 'invoke', name: 'RpcAsyncCancelCall', guard: 'always', change: 'cancel' },
    { side: 'server', kind: 'dispatch', guard: 'request', change: 'consume' },
    { side: 'server', kind: 'await', name: 'RpcClientCancel', guard: 'cancelled' },
    { side: 'server', kind: 'await', name: 'RpcClientDisconnect', guard: 'client-at-end' },
    { side: 'server', kind: 'invoke', name: 'RpcAsyncCompleteCall', guard: 'always', change: 'reply' },
    { side: 'server', kind: 'invoke', name: 'RpcAsyncAbortCall', guard: 'always', change: 'reply' },
    { side: 'server', kind: 'raise', guard: 'always', change: 'reply' },
];

const ruleIndex = new Map(JOINT_RULES.map(rule => [ruleKey(rule.side, rule.kind, rule.name), rule]));

function ruleKey(side: Side, kind: ActionKind, name: string | undefined): string {
    // `call`, `dispatch` and `raise` rules hold whatever procedure they name.
    return kind === 'invoke' || kind === 'await' ? `${side} ${kind} ${name ?? ''}` : `${side} ${kind}`;
}

/** The rule for an action or effect of a machine on `side`, if the table lists it. */
export function jointRule(side: Side, use: { readonly kind: ActionKind; readonly name?: string } | undefined): JointRule | undefined {
    return use ? ruleIndex.get(ruleKey(side, use.kind, use.name)) : undefined;
}

/** The guard of the transition on `outcome` (undefined: the default transition) of a state whose action has `rule`. */
export function transitionGuard(rule: JointRule | undefined, outcome: string | undefined): Guard {
    if (!rule) return 'always';
    return rule.outcomeGuard && rule.outcomeGuard.outcome === outcome ? rule.outcomeGuard.guard : rule.guard;
}

/** What the state's action changes on the transition on `outcome`. */
export function actionChange(rule: JointRule | undefined, outcome: string | undefined): Change | undefined {
    if (!rule || (rule.noChangeOn !== undefined && rule.noChangeOn === outcome)) return undefined;
    return rule.change;
}
