import type { LangiumDocument } from 'langium';
import type { FuzzyMatcher, LangiumSharedServices, WorkspaceSymbolProvider } from 'langium/lsp';
import type { CancellationToken, WorkspaceSymbol, WorkspaceSymbolParams } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import { isProtocol } from '../../language/generated/ast.js';
import type { ProtocolModel } from '../../language/model/machine-model.js';
import type { RpcstateServices } from '../../language/rpcstate-module.js';
import { CancellationCheckpoint } from './cancellation-checkpoint.js';

/** More would only slow the client down; a longer query narrows the list. */
export const MAX_WORKSPACE_SYMBOLS = 10_000;

/**
 * Machines and states of every document the server knows. Langium's default
 * lists only the exported names (machines); states are local to their
 * machine. One pass over the models the analysis already built (cached per
 * parse), so a query is linear in the number of states, never quadratic.
 */
export class RpcstateWorkspaceSymbolProvider implements WorkspaceSymbolProvider {
    private readonly fuzzyMatcher: FuzzyMatcher;

    constructor(private readonly shared: LangiumSharedServices) {
        this.fuzzyMatcher = shared.lsp.FuzzyMatcher;
    }

    async getSymbols(params: WorkspaceSymbolParams, cancelToken?: CancellationToken): Promise<WorkspaceSymbol[]> {
        const result: WorkspaceSymbol[] = [];
        const checkpoint = new CancellationCheckpoint(cancelToken);
        const matches = (name: string) => name !== '' && (params.query === '' || this.fuzzyMatcher.match(params.query, name));
        for (const document of this.shared.workspace.LangiumDocuments.all) {
            const model = this.modelOf(document);
            if (!model) continue;
            const uri = document.uri.toString();
            for (const machine of model.machines) {
                if (matches(machine.name)) {
                    result.push({ name: machine.name, kind: SymbolKind.Class, containerName: model.name || undefined, location: { uri, range: machine.nameRange } });
                }
                for (const state of machine.states) {
                    await checkpoint.tick();
                    if (!matches(state.name)) continue;
                    result.push({ name: state.name, kind: SymbolKind.EnumMember, containerName: machine.name || undefined, location: { uri, range: state.nameRange } });
                    if (result.length >= MAX_WORKSPACE_SYMBOLS) return result;
                }
            }
        }
        return result;
    }

    private modelOf(document: LangiumDocument): ProtocolModel | undefined {
        const root = document.parseResult?.value;
        if (!isProtocol(root)) return undefined;
        const services = this.shared.ServiceRegistry.getServices(document.uri) as Partial<RpcstateServices>;
        return services.analysis?.ProtocolAnalyzer.analyze(root).model;
    }
}
