import snippets from '../../snippets/rpcstate.json' with { type: 'json' };

/**
 * Snippets offered by completion: the ones VS Code reads from
 * snippets/rpcstate.json (the one source), so that every LSP client gets the
 * same. The two tables are the documented ones
 * (../shared/examples/async-call.rpcstate): the pair that every asynchronous
 * RPC follows, ready to adapt. `\t` is the editor's indentation unit.
 */
export interface RpcstateSnippet {
    readonly label: string;
    readonly detail: string;
    readonly body: string;
}

function snippet(name: keyof typeof snippets): RpcstateSnippet {
    const { prefix, description, body } = snippets[name];
    // The longest prefix is the descriptive one ("new state", "client table").
    return { label: prefix[prefix.length - 1], detail: description, body: body.join('\n') };
}

export const NEW_STATE_SNIPPET = snippet('State');
export const CLIENT_TABLE_SNIPPET = snippet('Client table');
export const SERVER_TABLE_SNIPPET = snippet('Server table');
