/**
 * Snippets offered by completion. The two tables are the documented ones
 * (../shared/examples/async-call.rpcstate): the pair that every asynchronous
 * RPC follows, ready to adapt. `\t` is the editor's indentation unit.
 */
export interface RpcstateSnippet {
    readonly label: string;
    readonly detail: string;
    readonly body: string;
}

export const NEW_STATE_SNIPPET: RpcstateSnippet = {
    label: 'state block',
    detail: 'a new state with an action and a default transition',
    body: 'state ${1:Name} "${2:What happens here}" {\n\t${3:invoke RpcAsyncCompleteCall}\n\t-> ${4:End}\n}',
};

export const CLIENT_TABLE_SNIPPET: RpcstateSnippet = {
    label: 'client table (documented)',
    detail: 'the client of the documented asynchronous call: call, cancel, wait, complete',
    body: [
        'client ${1:Caller} {',
        '\tinitial state C "Make the call" {',
        '\t\tcall${2: ProcedureName}',
        '\t\ton success   -> WComp',
        '\t\ton exception -> End',
        '\t\ton fail      -> Can',
        '\t}',
        '',
        '\tstate Can "Cancel the call" {',
        '\t\tinvoke RpcAsyncCancelCall',
        '\t\t-> WComp',
        '\t}',
        '',
        '\tstate WComp "Wait for completion" {',
        '\t\tawait RpcCallComplete',
        '\t\t-> Comp',
        '\t}',
        '',
        '\tstate Comp "Completion" {',
        '\t\tinvoke RpcAsyncCompleteCall',
        '\t\t-> End',
        '\t}',
        '',
        '\tend state End',
        '}',
    ].join('\n'),
};

export const SERVER_TABLE_SNIPPET: RpcstateSnippet = {
    label: 'server table (documented)',
    detail: 'the server of the documented asynchronous call: dispatch, then complete, abort or raise',
    body: [
        'server ${1:Manager} {',
        '\tinitial state D "Dispatch" {',
        '\t\tdispatch${2: ProcedureName}',
        '\t\t-> Comp',
        '\t\ton fatal raise -> End   // only while executing on the RPC thread',
        '\t\ton graceful    -> A',
        '\t}',
        '',
        '\tstate A "Abort the call" {',
        '\t\tinvoke RpcAsyncAbortCall',
        '\t\t-> End',
        '\t}',
        '',
        '\tstate Comp "Completion" {',
        '\t\tinvoke RpcAsyncCompleteCall',
        '\t\t-> End',
        '\t}',
        '',
        '\tend state End',
        '}',
    ].join('\n'),
};

/** What each keyword means, for completion items (language.md, "Syntax"). */
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
