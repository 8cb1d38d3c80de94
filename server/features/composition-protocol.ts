import type { CompositionReport } from '../../language/analysis/composition/composition-report.js';

/**
 * `rpcstate/composition`: the client × server check of one open document,
 * for the editor's "step through a deadlock" command. The server answers
 * once the check of the current text is done (it runs after the
 * single-machine diagnostics); `report` is null when a newer edit cancelled
 * it, and has status `not-run` with the reason when the check does not apply.
 */
export const COMPOSITION_REQUEST = 'rpcstate/composition';

/** The client command that steps through a deadlock's interleaving (client/step-interleaving.ts); the code lens names it. */
export const STEP_INTERLEAVING_COMMAND = 'rpcstate.stepInterleaving';

export interface CompositionParams {
    /** The document's URI, as a string. */
    readonly uri: string;
}

export interface CompositionAnswer {
    readonly uri: string;
    /** The version of the text checked (absent for a file not open in the editor). */
    readonly version?: number;
    readonly report: CompositionReport | null;
    /** The verdict in words, as the code lens says it (`client Caller × server Worker: no deadlock, ...`). */
    readonly verdict: string;
}
