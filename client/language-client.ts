import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { TimingLog } from './timing-log.js';

export const LANGUAGE_ID = 'rpcstate';

/**
 * The documents the server checks: files on disk and untitled editors. In a
 * virtual workspace (no local files) also the workspace's own scheme, so
 * open files are still checked from their text; the server cannot read the
 * rest of such a workspace from disk. Other schemes (git:, diff views,
 * output) are left out so their copies do not duplicate Problems rows.
 */
export function documentSelector(): Array<{ scheme: string; language: string }> {
    const schemes = new Set(['file', 'untitled']);
    for (const folder of vscode.workspace.workspaceFolders ?? []) schemes.add(folder.uri.scheme);
    return [...schemes].map(scheme => ({ scheme, language: LANGUAGE_ID }));
}

/** Is this a document the server is sent (and so one whose diagnostics we time)? */
export function isCheckedDocument(document: vscode.TextDocument): boolean {
    return vscode.languages.match(documentSelector(), document) > 0;
}

/**
 * The client of the bundled language server (out/server.cjs), run by the
 * extension host's own Node over IPC. The client's id `rpcstate` makes it
 * read the `rpcstate.trace.server` setting (see trace-channel.ts). Every publishDiagnostics passes
 * through `handleDiagnostics`, including empty ones, which is what the
 * first-diagnostics timing needs (VS Code's own diagnostics events skip
 * "still nothing").
 */
export function createLanguageClient(
    context: vscode.ExtensionContext,
    outputChannel: vscode.LogOutputChannel,
    traceOutputChannel: vscode.LogOutputChannel,
    timing: TimingLog,
): LanguageClient {
    const serverModule = context.asAbsolutePath('out/server.cjs');
    // Node 22 keeps the compiled server bundle in this folder: compiling the
    // 2 MB bundle is a third of a cold start, and from the second start on it is read back.
    const options = { env: { ...process.env, NODE_COMPILE_CACHE: join(context.globalStorageUri.fsPath, 'node-compile-cache') } };
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc, options },
        debug: { module: serverModule, transport: TransportKind.ipc, options },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: documentSelector(),
        outputChannel,
        traceOutputChannel,
        middleware: {
            handleDiagnostics(uri, diagnostics, next) {
                timing.diagnosticsArrived(uri.toString(), diagnostics.length);
                next(uri, diagnostics);
            },
        },
    };
    return new LanguageClient(LANGUAGE_ID, 'rpcstate language server', serverOptions, clientOptions);
}
