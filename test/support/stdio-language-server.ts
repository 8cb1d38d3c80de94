import { existsSync } from 'node:fs';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SERVER_BUNDLE } from './paths.js';

/** A request that got no answer in time: the server hung or lost it. */
export class RequestTimeout extends Error {}

/**
 * The bundled language server as an editor sees it: a child process spoken
 * to in JSON-RPC over stdin/stdout. Records every publishDiagnostics per URI
 * and everything the server writes to stderr.
 */
export class StdioLanguageServer {
    readonly process: ChildProcessWithoutNullStreams;
    readonly connection: MessageConnection;
    readonly published = new Map<string, PublishDiagnosticsParams[]>();
    stderr = '';
    /** window/logMessage and window/showMessage texts of type Error: where Langium reports exceptions inside handlers. */
    readonly loggedErrors: string[] = [];
    /** Every window/logMessage, in order. */
    readonly logged: Array<{ type: number; message: string }> = [];
    private readonly waiters: Array<() => void> = [];
    private versions = new Map<string, number>();

    /** `script` is the bundle by default; the npm package test passes its installed bin. */
    constructor(args: readonly string[] = [], nodeOptions: readonly string[] = [], script = SERVER_BUNDLE) {
        this.process = spawn(process.execPath, [...nodeOptions, script, '--stdio', ...args], { stdio: 'pipe' });
        this.process.stderr.setEncoding('utf8');
        this.process.stderr.on('data', chunk => { this.stderr += chunk; });
        this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
        this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            const list = this.published.get(params.uri) ?? [];
            list.push(params);
            this.published.set(params.uri, list);
            for (const wake of this.waiters.splice(0)) wake();
        });
        const logError = (params: { type: number; message: string }) => { if (params.type === 1) this.loggedErrors.push(params.message); };
        this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => { this.logged.push(params); logError(params); });
        this.connection.onNotification('window/showMessage', logError);
        // Whatever the server asks of the client (configuration, registrations), answer "nothing".
        this.connection.onRequest(() => null);
        this.connection.onNotification(() => undefined);
        this.connection.listen();
    }

    get alive(): boolean {
        return this.process.exitCode === null && this.process.signalCode === null;
    }

    /** `workspace` adds client capabilities such as `{ configuration: true }`; `folders` are workspace folder URIs. */
    async initialize(workspace: Record<string, unknown> = {}, folders: string[] | null = null): Promise<InitializeResult> {
        const result = await this.request<InitializeResult>('initialize', {
            processId: process.pid,
            rootUri: folders?.[0] ?? null,
            workspaceFolders: folders?.map((uri, i) => ({ uri, name: `folder${i}` })) ?? null,
            capabilities: {
                workspace,
                textDocument: {
                    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
                    synchronization: { didSave: true },
                    rename: { prepareSupport: true },
                    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
                    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
                    semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
                },
            },
        }, 30_000);
        this.connection.sendNotification('initialized', {});
        return result;
    }

    /** A request with a time limit: a hang fails the test instead of stalling it. */
    request<R>(method: string, params: unknown, timeoutMs = 10_000): Promise<R> {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new RequestTimeout(`${method}: no answer within ${timeoutMs} ms`)), timeoutMs);
        });
        return Promise.race([this.connection.sendRequest<R>(method, params), timeout]).finally(() => clearTimeout(timer));
    }

    open(uri: string, text: string): void {
        this.versions.set(uri, 1);
        this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rpcstate', version: 1, text } });
    }

    /** A whole-text change. */
    replace(uri: string, text: string): void {
        this.change(uri, [{ text }]);
    }

    change(uri: string, contentChanges: unknown[]): void {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    }

    publishCount(uri: string): number {
        return this.published.get(uri)?.length ?? 0;
    }

    /** Waits until `uri` has had more than `after` publishDiagnostics, and returns the latest diagnostics. */
    async diagnostics(uri: string, after = 0, timeoutMs = 20_000): Promise<Diagnostic[]> {
        const deadline = Date.now() + timeoutMs;
        while (this.publishCount(uri) <= after) {
            const left = deadline - Date.now();
            if (left <= 0) throw new RequestTimeout(`no publishDiagnostics for ${uri} within ${timeoutMs} ms`);
            await new Promise<void>(resolve => {
                const timer = setTimeout(resolve, left);
                this.waiters.push(() => { clearTimeout(timer); resolve(); });
            });
        }
        return this.published.get(uri)!.at(-1)!.diagnostics;
    }

    /** Shuts down politely, then makes sure the process is gone. */
    async stop(): Promise<void> {
        if (this.alive) {
            try {
                await this.request('shutdown', null, 5_000);
                this.connection.sendNotification('exit');
            } catch {
                // Already broken: the kill below ends it.
            }
            await new Promise(resolve => { const t = setTimeout(resolve, 2_000); this.process.once('exit', () => { clearTimeout(t); resolve(undefined); }); });
        }
        this.connection.dispose();
        if (this.alive) this.process.kill();
    }
}

/** Uncaught errors a Node process prints on stderr. */
export const UNCAUGHT = /Uncaught|UnhandledPromiseRejection|TypeError|RangeError|ReferenceError|Maximum call stack/;

/** The bundled server spawned and initialized, for a test file's `beforeAll`; says what to run when the bundle is missing. */
export async function startBundledServer(): Promise<StdioLanguageServer> {
    if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run \`npm run build\` first`);
    const server = new StdioLanguageServer();
    await server.initialize();
    return server;
}
