import { URI } from 'langium';
import type { createRpcstateLanguageServices } from '../../server/rpcstate-lsp-module.js';

/** The diagnostics of `text` as a new document at `uri` of `services`: parsed and analysed whole, what an incremental path must equal. */
export async function freshDiagnostics(services: ReturnType<typeof createRpcstateLanguageServices>, text: string, uri: string): Promise<unknown> {
    const { LangiumDocumentFactory, LangiumDocuments, DocumentBuilder } = services.shared.workspace;
    const document = LangiumDocumentFactory.fromString(text, URI.parse(uri));
    LangiumDocuments.addDocument(document);
    await DocumentBuilder.build([document], { validation: true });
    const diagnostics = document.diagnostics;
    LangiumDocuments.deleteDocument(document.uri);
    return diagnostics;
}
