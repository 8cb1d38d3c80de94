import { DocumentState, URI } from 'langium';
import type { LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { DiagramModel } from '../../language/diagram/diagram-model.js';
import { layoutDiagram } from '../../language/diagram/elk-layout.js';
import { withInterleaving } from '../../language/diagram/interleaving-overlay.js';
import { renderDiagramSvg } from '../../language/diagram/svg-renderer.js';
import { documentDiagram } from '../../language/pipeline/document-diagram.js';
import type { RpcstateServices } from '../../language/rpcstate-module.js';
import type { RpcstateLspServices } from '../rpcstate-lsp-module.js';
import { DIAGRAM_REQUEST, type DiagramParams, type DiagramResult } from './diagram-protocol.js';

/**
 * ELK runs in the server's thread. Long transitions are routed outside it
 * (language/diagram/long-edges.ts), so layout grows about linearly; measured
 * on the bench's synthetic protocol: 500 states 1.2 s for the first diagram,
 * 0.4-0.6 s after; 1,000 states 3.5 s first, 0.8-1.8 s after; 2,000 states
 * 5 s first, 2-3 s after. Above this the server refuses rather than stall
 * every other request for seconds; the CLI draws any size.
 */
export const MAX_STATES_IN_SERVER = 1000;

/** Answers `rpcstate/diagram` (diagram-protocol.ts) from the analysis the diagnostics came from. */
export function registerDiagramRequest(shared: LangiumSharedServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    connection.onRequest(DIAGRAM_REQUEST, (params: DiagramParams, cancelToken) => diagramOf(shared, params, cancelToken));
}

export async function diagramOf(shared: LangiumSharedServices, params: DiagramParams, cancelToken: CancellationToken = CancellationToken.None): Promise<DiagramResult> {
    const uri = parseUri(params?.uri);
    if (!shared.ServiceRegistry.hasServices(uri)) throw new ResponseError(ErrorCodes.InvalidParams, `${uri.toString()} is not an .rpcstate file`);
    const services = shared.ServiceRegistry.getServices(uri) as RpcstateServices;
    const document = await currentDocument(shared, uri, cancelToken);
    const plain = documentDiagram(document, services.analysis.ProtocolAnalyzer).diagram;
    const states = plain.machines.reduce((n, m) => n + m.states.length, 0);
    if (states > MAX_STATES_IN_SERVER) {
        throw new ResponseError(ErrorCodes.InvalidRequest, `${states} states are too many to lay out inside the language server `
            + `(more than ${MAX_STATES_IN_SERVER}: laying them out would hold up diagnostics for seconds). Draw it from a terminal: rpcstate diagram FILE --out FILE.svg, or --format dot for Graphviz.`);
    }
    const diagram = await withDeadlock(plain, document, services, params.interleaving, cancelToken);
    const layout = await layoutDiagram(diagram);
    if (cancelToken.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'diagram request cancelled');
    return {
        uri: uri.toString(),
        ...(shared.workspace.TextDocuments?.get(uri.toString()) ? { version: document.textDocument.version } : {}),
        diagram,
        svg: renderDiagramSvg(diagram, layout, { standalone: params.standalone === true }),
        width: layout.width,
        height: layout.height,
    };
}

/**
 * The diagram with a client × server deadlock drawn on it (the one asked
 * for, by default the first): the check runs after validation, so this
 * waits for it; cancelled by an edit, the diagram comes without.
 */
async function withDeadlock(diagram: DiagramModel, document: LangiumDocument, services: RpcstateServices, which: number | null | undefined, cancelToken: CancellationToken): Promise<DiagramModel> {
    const composition = (services as Partial<RpcstateLspServices>).composition?.CompositionDiagnostics;
    if (!composition || which === null) return diagram;
    const report = await composition.report(document, cancelToken);
    const trace = report?.deadlocks[typeof which === 'number' ? which : 0];
    return trace ? withInterleaving(diagram, trace) : diagram;
}

function parseUri(text: unknown): URI {
    if (typeof text !== 'string' || text.length === 0) throw new ResponseError(ErrorCodes.InvalidParams, 'rpcstate/diagram needs {"uri": "<document URI>"}');
    try {
        return URI.parse(text);
    } catch (error) {
        throw new ResponseError(ErrorCodes.InvalidParams, `not a URI: ${text} (${(error as Error).message})`);
    }
}

/**
 * The document once the edit in flight is validated (so the diagram and the
 * published diagnostics come from the same parse). A file the editor has not
 * opened is not part of the workspace build: it is loaded and parsed here.
 */
async function currentDocument(shared: LangiumSharedServices, uri: URI, cancelToken: CancellationToken): Promise<LangiumDocument> {
    const documents = shared.workspace.LangiumDocuments;
    let document: LangiumDocument;
    try {
        document = documents.getDocument(uri) ?? await documents.getOrCreateDocument(uri);
    } catch (error) {
        throw new ResponseError(ErrorCodes.InvalidParams, `cannot read ${uri.toString()}: ${(error as Error)?.message ?? String(error)}`);
    }
    try {
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri, cancelToken);
        return documents.getDocument(uri) ?? document;
    } catch (error) {
        if (cancelToken.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'diagram request cancelled');
        // Not part of the workspace build (excluded from validation): its parse is current.
        return document;
    }
}
