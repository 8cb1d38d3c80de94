import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken } from 'vscode-languageserver';
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { RpcstateLspServices } from '../rpcstate-lsp-module.js';
import { compositionVerdict } from '../../language/analysis/composition/composition-report.js';
import type { CompositionDiagnostics } from './composition-diagnostics.js';
import { COMPOSITION_REQUEST, type CompositionAnswer, type CompositionParams } from './composition-protocol.js';
import { WorkerCompositionRunner } from './composition-runner.js';

/**
 * Runs the client × server check in a worker thread started from
 * `workerScript` (the server's bundle), and answers `rpcstate/composition`.
 */
export function registerComposition(shared: LangiumSharedServices, services: RpcstateLspServices, workerScript: string): CompositionDiagnostics {
    const composition = services.composition.CompositionDiagnostics;
    const connection = shared.lsp.Connection;
    composition.useRunner(new WorkerCompositionRunner(workerScript, (kind, message) => kind === 'error' ? connection?.console.error(message) : connection?.console.log(message)));
    connection?.onRequest(COMPOSITION_REQUEST, (params: CompositionParams, token) => compositionOf(shared, params, token));
    connection?.onShutdown(() => composition.dispose());
    return composition;
}

export async function compositionOf(shared: LangiumSharedServices, params: CompositionParams, token: CancellationToken): Promise<CompositionAnswer> {
    if (typeof params?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${COMPOSITION_REQUEST} needs {"uri": "<document URI>"}`);
    const uri = URI.parse(params.uri);
    const document = shared.workspace.LangiumDocuments.getDocument(uri);
    if (!document || !shared.ServiceRegistry.hasServices(uri)) throw new ResponseError(ErrorCodes.InvalidParams, `${params.uri} is not an open .rpcstate document`);
    try {
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri, token);
    } catch {
        throw new ResponseError(LSPErrorCodes.RequestCancelled, `${COMPOSITION_REQUEST} cancelled`);
    }
    const services = shared.ServiceRegistry.getServices(uri) as RpcstateLspServices;
    const report = await services.composition.CompositionDiagnostics.report(document, token);
    const open = shared.workspace.TextDocuments?.get(uri.toString());
    return { uri: uri.toString(), ...(open ? { version: document.textDocument.version } : {}), report: report ?? null, verdict: compositionVerdict(report) };
}
