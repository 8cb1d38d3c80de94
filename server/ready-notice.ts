import type { LangiumSharedServices } from 'langium/lsp';
import { VERSION } from '../language/version.js';

/** The first words of the log line that says the server is ready; clients and tests wait for it. */
export const READY_NOTICE = 'rpcstate language server ready';

/**
 * Logs one line (window/logMessage, type Info) once the workspace is loaded,
 * with how long that took. Under load a start can take seconds; a client
 * that waits for this line knows the server is up, instead of guessing with
 * a timer, and a user sees in the Output panel what start-up cost.
 */
export function logWhenReady(shared: LangiumSharedServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    const started = performance.now();
    shared.workspace.WorkspaceManager.ready.then(
        () => connection.console.info(`${READY_NOTICE}: version ${VERSION}, workspace loaded in ${Math.round(performance.now() - started)} ms`),
        (error: unknown) => connection.console.error(`rpcstate language server: loading the workspace failed: ${error instanceof Error ? error.message : String(error)}`),
    );
}
