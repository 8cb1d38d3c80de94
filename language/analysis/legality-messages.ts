import type { Side } from '../model/machine-model.js';
import type { Phase } from './catalog.js';
import type { LegalityCode } from './diagnostic-codes.js';

/** What a legality message needs to say what went wrong, where, along which path, and how to fix it. */
export interface LegalityContext {
    readonly code: LegalityCode;
    readonly side: Side;
    /** The offending action or effect as written (`RpcAsyncCancelCall`, `call`, `raise`). */
    readonly label: string;
    readonly role: 'action' | 'effect' | 'transition';
    readonly state: string;
    readonly path: string;
    readonly phase: Phase;
    /** What put the call into its phase (`RpcAsyncCompleteCall in Fin`), if anything on the path did. */
    readonly culprit?: string;
    readonly dispatchStates: readonly string[];
    readonly endState: string;
}

export function legalityMessage(c: LegalityContext): string {
    const what = c.role === 'effect' ? `${c.label} on a transition of ${c.state}` : `${c.label} in ${c.state}`;
    const along = `on ${c.path}`;
    switch (c.code) {
        case 'no-outstanding-call':
            if (c.phase === 'failed') {
                return `${what} acts on a call that failed: ${along}, the \`call\` ended in \`exception\`, so nothing is outstanding and no notification will come. Route \`on exception\` to ${c.endState} (or to a new \`call\`) instead.`;
            }
            if (c.side === 'server') {
                return `${what} acts on a call that was never dispatched: ${along}, no \`dispatch\` came first. Start the machine with a \`dispatch\` state.`;
            }
            return `${what} acts on a call that was never made: ${along}, no \`call\` came first. Make the call first (a state whose action is \`call\`).`;
        case 'complete-before-notification':
            return `${what} while the call may still be running: ${along}, nothing awaited RpcCallComplete or saw RpcAsyncGetCallStatus report it done. Await it first (as WComp does in the documented table), or handle \`on pending\`.`;
        case 'after-completion':
            return `${what} acts on a call that is already ${c.side === 'client' ? 'completed' : 'finished'}: ${along}, ${c.culprit ?? 'an earlier step'} ended it. Do this before the call is completed, or go to ${c.endState}.`;
        case 'double-completion':
            return `${what} ends a call that is already ${c.side === 'client' ? 'completed' : 'completed, aborted or raised'}: ${along}, ${c.culprit ?? 'an earlier step'} ended it. A call ends exactly once: go to ${c.endState} instead.`;
        case 'handle-in-use':
            if (c.side === 'server') {
                return `${what} while the previous dispatched call is still active: ${along}, nothing completed or aborted it. Complete (RpcAsyncCompleteCall) or abort (RpcAsyncAbortCall) it before the next dispatch.`;
            }
            return `${what} while the previous call is still outstanding: ${along}, nothing completed it. Await the notification and invoke RpcAsyncCompleteCall first; one handle serves one outstanding call.`;
        case 'raise-off-rpc-thread': {
            const dispatch = c.dispatchStates.length > 0 ? `the dispatch state (${c.dispatchStates.join(', ')})` : 'a state whose action is `dispatch`';
            return `The server raises in ${c.state}, off the RPC thread: only ${dispatch} runs on it (${along}). Raise on a transition of the dispatch state, or fail gracefully with RpcAsyncAbortCall.`;
        }
        case 'missing-completion':
            if (c.side === 'server') {
                return `${c.endState} is entered while the dispatched call is still active: ${along}, it was neither completed, aborted nor raised. Route through a state that invokes RpcAsyncCompleteCall (or RpcAsyncAbortCall).`;
            }
            return `${c.endState} is entered while the call is still ${c.phase === 'complete' ? 'owed its RpcAsyncCompleteCall' : 'outstanding'}: ${along}, nothing invoked RpcAsyncCompleteCall. Route through a Completion state (\`await RpcCallComplete\`, then \`invoke RpcAsyncCompleteCall\`).`;
    }
}
