import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CancellationToken, DiagnosticSeverity } from 'vscode-languageserver';
import { IgnoreRules } from '../../language/workspace/ignore-rules.js';
import { findSpecFiles } from '../../language/workspace/spec-files.js';
import type { RpcstateLspServices } from '../rpcstate-lsp-module.js';
import { CHECK_WORKSPACE_REQUEST, type CheckWorkspaceParams, type CheckWorkspaceResult } from './workspace-check-protocol.js';

/**
 * Answers `rpcstate/checkWorkspace` (see workspace-check-protocol.ts): the
 * given files are treated as changed, rebuilt with the same validation an
 * edit gets, and their diagnostics published; the answer counts them.
 */
export function registerWorkspaceCheck(shared: LangiumSharedServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    connection.onRequest(CHECK_WORKSPACE_REQUEST, async (params: CheckWorkspaceParams, cancelToken) => {
        const found = await searchFolders(params?.folders ?? []);
        const result = await checkFiles(shared, [...found.uris, ...params?.uris ?? []], cancelToken);
        return { ...result, unreadable: [...found.unreadable, ...result.unreadable], skipped: found.skipped };
    });
}

/** The spec files of each folder, found as `rpcstate check FOLDER` finds them. */
export async function searchFolders(folders: readonly string[]): Promise<{ uris: string[]; skipped: Array<{ uri: string; reason: string }>; unreadable: Array<{ uri: string; reason: string }> }> {
    const uris: string[] = [];
    const skipped: Array<{ uri: string; reason: string }> = [];
    const unreadable: Array<{ uri: string; reason: string }> = [];
    const rules = new IgnoreRules();
    for (const folder of folders) {
        try {
            const path = URI.parse(folder).fsPath;
            await rules.loadAncestors(path);
            const search = await findSpecFiles(path, rules);
            uris.push(...search.files.map(file => URI.file(file).toString()));
            skipped.push(...search.skipped.map(({ path: skippedPath, reason }) => ({ uri: URI.file(skippedPath).toString(), reason })));
        } catch (e) {
            unreadable.push({ uri: folder, reason: (e as Error)?.message ?? String(e) });
        }
    }
    return { uris, skipped, unreadable };
}

export async function checkFiles(
    shared: LangiumSharedServices,
    uriStrings: readonly string[],
    cancelToken: CancellationToken = CancellationToken.None,
): Promise<CheckWorkspaceResult> {
    const { WorkspaceManager, LangiumDocuments, DocumentBuilder, WorkspaceLock } = shared.workspace;
    await WorkspaceManager.ready;

    const readable: URI[] = [];
    const unreadable: Array<{ uri: string; reason: string }> = [];
    for (const text of new Set(uriStrings)) {
        let uri: URI;
        try {
            uri = URI.parse(text);
        } catch (e) {
            unreadable.push({ uri: String(text), reason: `not a URI: ${(e as Error).message}` });
            continue;
        }
        if (!shared.ServiceRegistry.hasServices(uri)) {
            unreadable.push({ uri: text, reason: 'not an .rpcstate file' });
            continue;
        }
        try {
            // Loads (and parses) files the server has not seen yet; a file
            // that cannot be read is reported here instead of failing the build.
            await LangiumDocuments.getOrCreateDocument(uri);
            readable.push(uri);
        } catch (e) {
            unreadable.push({ uri: text, reason: (e as Error).message });
        }
    }

    // As an edit does: `update` re-reads the files and validates every
    // document not yet validated. If a later edit cancels this write, that
    // edit's own update validates the same documents, so waiting for the
    // Validated state below still ends.
    await WorkspaceLock.write(token => DocumentBuilder.update(readable, [], token)).catch(() => undefined);

    let errors = 0;
    let warnings = 0;
    let files = 0;
    for (const uri of readable) {
        try {
            await DocumentBuilder.waitUntil(DocumentState.Validated, uri, cancelToken);
        } catch (e) {
            if (cancelToken.isCancellationRequested) break;
            // deleted while we waited, for example
            unreadable.push({ uri: uri.toString(), reason: (e as Error)?.message ?? String(e) });
            continue;
        }
        files++;
        const document = LangiumDocuments.getDocument(uri);
        for (const d of document?.diagnostics ?? []) {
            if (d.severity === DiagnosticSeverity.Error) errors++;
            else if (d.severity === DiagnosticSeverity.Warning) warnings++;
        }
        // The client × server findings come after the document's own (composition-diagnostics.ts), and count too.
        const composition = document && (shared.ServiceRegistry.getServices(uri) as Partial<RpcstateLspServices>).composition;
        const report = document && await composition?.CompositionDiagnostics.report(document, cancelToken);
        for (const f of report?.findings ?? []) {
            if (f.severity === 'error') errors++;
            else if (f.severity === 'warning') warnings++;
        }
    }
    return { files, errors, warnings, unreadable };
}
