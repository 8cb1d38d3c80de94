/**
 * What each keyword means, shown by completion (language.md, "Syntax"; the
 * same table is docs/language-reference.md's). test/syntax/grammar-coverage.test.ts
 * fails when a keyword of rpcstate.langium has no entry here.
 */
export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
    protocol: 'A protocol: one client and one server machine of an asynchronous RPC.',
    client: 'The client machine: it makes the asynchronous call.',
    server: 'The server machine: the run time dispatches the call to its manager routine.',
    initial: 'Marks the state the machine starts in (exactly one per machine).',
    state: 'A state: an optional action, then its transitions.',
    end: 'Marks the end state (exactly one per machine); it has no body.',
    call: 'Client action: make the asynchronous RPC, optionally naming the procedure.',
    dispatch: 'Server action: the run time dispatches the call; the manager routine runs on the RPC thread.',
    await: 'Wait for a notification event (RpcCallComplete, RpcClientCancel, ...).',
    invoke: 'Call a run-time function of the catalog (RpcAsyncCompleteCall, ...).',
    raise: 'Raise an exception (RpcRaiseException).',
    on: 'A transition taken for one outcome of the state\'s action: `on NAME -> Target`.',
};
