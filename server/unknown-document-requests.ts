import type { LangiumSharedServices } from 'langium/lsp';
import { URI } from 'langium';
import type { Connection } from 'vscode-languageserver';

/** The `connection.on…` methods through which Langium registers a request about one document. */
const DOCUMENT_REQUESTS = [
    'onCompletion', 'onHover', 'onSignatureHelp', 'onDefinition', 'onTypeDefinition', 'onImplementation', 'onDeclaration',
    'onReferences', 'onDocumentHighlight', 'onDocumentSymbol', 'onFoldingRanges', 'onDocumentLinks', 'onCodeAction', 'onCodeLens',
    'onDocumentFormatting', 'onDocumentRangeFormatting', 'onDocumentOnTypeFormatting', 'onRenameRequest', 'onPrepareRename',
] as const;

type Handler = (params: { textDocument?: { uri?: string } }, ...rest: unknown[]) => unknown;
type Registrar = (handler: Handler) => unknown;

/**
 * A request about a document that is neither open nor on disk (a client
 * asking about a closed, deleted or made-up URI) answers null, LSP's "no
 * result", whatever the request. Left to Langium, requests that wait for the
 * workspace (references, rename, highlights) try to read the file and answer
 * an internal error (-32603, ENOENT) while the others answer "server
 * cancelled" (-32802). Wraps the registrations, so it must run before
 * `startLanguageServer`.
 */
export function answerNullForUnknownDocuments(connection: Connection, shared: LangiumSharedServices): void {
    const { LangiumDocuments, TextDocuments, FileSystemProvider } = shared.workspace;
    const unknown = (uri: string | undefined): boolean => {
        if (uri === undefined) return false;
        const parsed = URI.parse(uri);
        if (LangiumDocuments.hasDocument(parsed) || TextDocuments?.get(uri)) return false;
        try {
            return !FileSystemProvider.existsSync(parsed);
        } catch {
            return true;
        }
    };
    const guard = (target: object, method: string): void => {
        const register = (target as Record<string, Registrar>)[method].bind(target);
        (target as Record<string, Registrar>)[method] = (handler: Handler) =>
            register((params, ...rest) => (unknown(params?.textDocument?.uri) ? null : handler(params, ...rest)));
    };
    for (const method of DOCUMENT_REQUESTS) guard(connection, method);
    // These two are getters that build a fresh object on every access: guard one and keep it.
    const { languages } = connection;
    const inlayHint = languages.inlayHint;
    guard(inlayHint, 'on');
    const semanticTokens = languages.semanticTokens;
    for (const method of ['on', 'onDelta', 'onRange']) guard(semanticTokens, method);
    Object.defineProperty(languages, 'inlayHint', { value: inlayHint });
    Object.defineProperty(languages, 'semanticTokens', { value: semanticTokens });
}
