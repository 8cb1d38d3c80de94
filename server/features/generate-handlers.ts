import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { generateFromSpec } from '../../language/pipeline/generate-files.js';
import { kebabFileStem } from '../../language/generator/naming.js';
import type { RpcstateServices } from '../../language/rpcstate-module.js';
import type { GenerateHandlersParams, GenerateHandlersResult } from './generate-handlers-protocol.js';
import { GENERATE_HANDLERS_REQUEST } from './generate-handlers-protocol.js';

/**
 * Answers `rpcstate/generateHandlers` with exactly what `rpcstate generate
 * FILE` does (same checks, same refusal, same safe writer, output beside the
 * spec), so the editor and the CLI can never disagree.
 */
export function registerGenerateHandlers(shared: LangiumSharedServices, Rpcstate: RpcstateServices): void {
    shared.lsp.Connection?.onRequest(GENERATE_HANDLERS_REQUEST, (params: GenerateHandlersParams) => generateHandlers({ shared, Rpcstate }, params));
}

export async function generateHandlers(services: { shared: LangiumSharedServices; Rpcstate: RpcstateServices }, params: GenerateHandlersParams): Promise<GenerateHandlersResult> {
    let uri: URI;
    try {
        uri = URI.parse(params?.uri ?? '');
    } catch (error) {
        return { kind: 'failed', message: `not a URI: ${(error as Error).message}` };
    }
    if (uri.scheme !== 'file') return { kind: 'failed', message: 'generation needs a spec saved on disk (a file: URI)' };
    try {
        const result = await generateFromSpec(services, uri.fsPath, { dryRun: params.dryRun === true });
        if (result.kind === 'refused') return { kind: 'refused', errors: result.report.summary.errors };
        const handlers = result.files.filter(file => file.name.endsWith('.handlers.ts'));
        const wanted = params.machine ? `${kebabFileStem(params.machine)}.handlers.ts` : undefined;
        const shown = handlers.find(file => file.name === wanted) ?? handlers[0];
        return {
            kind: 'generated',
            outDir: result.outDir,
            files: result.files.map(file => ({ path: file.path, name: file.name, action: file.action })),
            ...(shown ? { handlersPath: shown.path } : {}),
        };
    } catch (error) {
        // Unreadable spec, or a write the safe writer refused: say why, never crash the server.
        return { kind: 'failed', message: (error as Error)?.message ?? String(error) };
    }
}
