import type { Module } from 'langium';
import type { DefaultSharedModuleContext, LangiumSharedServices, PartialLangiumServices, PartialLangiumSharedServices } from 'langium/lsp';
import { NormalizedTextDocuments } from 'langium/lsp';
import { SplicedTextDocuments } from '../language/workspace/spliced-text-document.js';
import type { RpcstateAddedServices, RpcstateServices } from '../language/rpcstate-module.js';
import { createRpcstateServices } from '../language/rpcstate-module.js';
import { ProtocolAnalyzer } from '../language/pipeline/protocol-analyzer.js';
import { CompositionDiagnostics } from './features/composition-diagnostics.js';
import { RpcstateCodeActionProvider } from './features/code-actions.js';
import { RpcstateRenameProvider } from './features/rename.js';
import { RpcstateCodeLensProvider } from './features/code-lenses.js';
import { RpcstateCompletionProvider } from './features/completion-provider.js';
import { RpcstateDocumentSymbolProvider } from './features/document-symbols.js';
import { RpcstateFoldingRangeProvider } from './features/folding-ranges.js';
import { RpcstateFormatter } from './features/formatter.js';
import { RpcstateHoverProvider } from './features/hover-provider.js';
import { RpcstateInlayHintProvider } from './features/inlay-hints.js';
import { RpcstateSemanticTokenProvider } from './features/semantic-tokens.js';
import { RpcstateWorkspaceSymbolProvider } from './features/workspace-symbols.js';

/** Services only the language server has. */
export interface RpcstateLspAddedServices {
    composition: {
        /** The client × server check, published after the single-machine diagnostics (composition-diagnostics.ts). */
        CompositionDiagnostics: CompositionDiagnostics;
    };
}

export type RpcstateLspServices = RpcstateServices & RpcstateLspAddedServices;

/**
 * The editor features of the language server: every LSP provider the
 * language adds to Langium's defaults is registered here, one file per
 * feature under server/features/.
 */
export const RpcstateLspModule: Module<RpcstateLspServices, PartialLangiumServices & Partial<RpcstateAddedServices> & RpcstateLspAddedServices> = {
    analysis: {
        // The validation runs the single-machine checks only: the client × server check comes after them, off the edit loop.
        ProtocolAnalyzer: () => new ProtocolAnalyzer({ composition: false }),
    },
    composition: {
        CompositionDiagnostics: services => new CompositionDiagnostics(services.shared),
    },
    lsp: {
        CodeActionProvider: services => new RpcstateCodeActionProvider(services),
        RenameProvider: services => new RpcstateRenameProvider(services),
        CompletionProvider: services => new RpcstateCompletionProvider(services),
        HoverProvider: services => new RpcstateHoverProvider(services),
        DocumentSymbolProvider: () => new RpcstateDocumentSymbolProvider(),
        FoldingRangeProvider: services => new RpcstateFoldingRangeProvider(services),
        Formatter: () => new RpcstateFormatter(),
        SemanticTokenProvider: services => new RpcstateSemanticTokenProvider(services),
        CodeLensProvider: services => new RpcstateCodeLensProvider(services),
        InlayHintProvider: services => new RpcstateInlayHintProvider(services),
    },
};

/** Editor features that span documents, so they live in the shared services. */
export const RpcstateSharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        // Open documents whose text an edit does not rebuild as one string (language/workspace/spliced-text.ts).
        TextDocuments: () => new NormalizedTextDocuments(SplicedTextDocuments),
    },
    lsp: {
        WorkspaceSymbolProvider: shared => new RpcstateWorkspaceSymbolProvider(shared),
    },
};

/** The services of the language server: the language, plus its editor features. */
export function createRpcstateLanguageServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; Rpcstate: RpcstateLspServices } {
    const { shared, Rpcstate } = createRpcstateServices({ ...context, sharedModule: RpcstateSharedLspModule }, RpcstateLspModule as Module<RpcstateServices, PartialLangiumServices>);
    return { shared, Rpcstate: Rpcstate as RpcstateLspServices };
}
