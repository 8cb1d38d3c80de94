/**
 * The language server runs on the extension host's Node (VS Code forks it
 * with its own runtime). Langium 4.4 needs Node 22 (it calls Object.groupBy),
 * so on an older VS Code the server would crash at once and be restarted
 * until the client gives up. Better to say so once, plainly.
 */
export const MIN_NODE_MAJOR = 22;

/** A message explaining why this runtime cannot host the server, or undefined when it can. */
export function unsupportedRuntime(nodeVersion: string, vscodeVersion: string): string | undefined {
    const major = Number(/^v?(\d+)/.exec(nodeVersion)?.[1]);
    if (Number.isFinite(major) && major >= MIN_NODE_MAJOR) return undefined;
    return (
        `rpcstate: the language server needs Node ${MIN_NODE_MAJOR} or later, but this editor ` +
        `(VS Code ${vscodeVersion}) runs extensions on Node ${nodeVersion || 'unknown'}. ` +
        'Update VS Code (1.101 or later runs Node 22); syntax colouring and snippets work meanwhile.'
    );
}
