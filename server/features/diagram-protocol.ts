import type { DiagramModel } from '../../language/diagram/diagram-model.js';

/**
 * `rpcstate/diagram`: the diagram of one document, as the VS Code webview
 * (or any client) draws it. The server answers with the diagram model (ids,
 * labels, findings and source ranges, for selection in both directions) and
 * the SVG laid out by ELK and drawn by the same renderer as `rpcstate
 * diagram`. Clients debounce; the server answers for the text it has.
 */
export const DIAGRAM_REQUEST = 'rpcstate/diagram';

export interface DiagramParams {
    /** The document's URI, as a string. */
    readonly uri: string;
    /**
     * True: an SVG file that stands alone (light stylesheet embedded), for
     * "Export SVG". False or absent: no stylesheet, for a page that styles it.
     */
    readonly standalone?: boolean;
    /**
     * Which client × server deadlock to draw on the machines (0-based; its
     * steps numbered on the transitions, the waiting states marked). Absent:
     * the first, when the check found one. null: none.
     */
    readonly interleaving?: number | null;
}

export interface DiagramResult {
    readonly uri: string;
    /** The version of the text the diagram was drawn from (absent for a file not open in the editor). */
    readonly version?: number;
    readonly diagram: DiagramModel;
    readonly svg: string;
    readonly width: number;
    readonly height: number;
}
