import { existsSync } from 'node:fs';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { READY_NOTICE } from '../../server/ready-notice.js';
import { SERVER_BUNDLE } from './paths.js';

/** A request that got no answer in time: the server hung or lost it. */
export class RequestTimeout extends Error {}

/**
 * How long a wait may last before the server counts as hung. A guard, not a
 * latency check (npm run bench measures those): generous, because on a
 * loaded 2-core CI machine a correct server can be slow, and a hang is caught
 * all the same. Below vitest's hookTimeout (120 s), so the guard's message,
 * not vitest's, explains a failure.
 */
export const HANG_GUARD_MS = 60_000;

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
    /** Resolves with the server's ready line (READY_NOTICE), logged once its workspace is loaded. */
    readonly ready: Promise<string>;
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
        let announceReady: (line: string) => void = () => undefined;
        this.ready = new Promise(resolve => { announceReady = resolve; });
        this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
            this.logged.push(params);
            logError(params);
            if (params.message.startsWith(READY_NOTICE)) announceReady(params.message);
        });
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
        }, HANG_GUARD_MS);
        this.connection.sendNotification('initialized', {});
        await this.untilReady();
        return result;
    }

    /**
     * Waits for the ready line rather than a fixed time: under load a start
     * takes seconds, and every later wait then measures the server's work,
     * not its start. The guard only catches a server that never gets there.
     */
    private async untilReady(): Promise<void> {
        let timer: NodeJS.Timeout | undefined;
        let onExit: ((code: number | null) => void) | undefined;
        const failed = new Promise<never>((_, reject) => {
            onExit = code => reject(new Error(`the server exited (code ${code}) before it was ready; stderr:\n${this.stderr}`));
            this.process.once('exit', onExit);
            timer = setTimeout(() => reject(new RequestTimeout(`the server did not log "${READY_NOTICE}" within ${HANG_GUARD_MS} ms; stderr:\n${this.stderr}`)), HANG_GUARD_MS);
        });
        await Promise.race([this.ready, failed]).finally(() => {
            clearTimeout(timer);
            if (onExit) this.process.off('exit', onExit);
        });
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
    async diagnostics(uri: string, after = 0, timeoutMs = HANG_GUARD_MS): Promise<Diagnostic[]> {
        const deadline = Date.now() + timeoutMs;
        while (this.publishCount(uri) <= after) {
            const left = deadline - Date.now();
            if (!this.alive) throw new Error(`the server exited while ${uri} waited for diagnostics; stderr:\n${this.stderr}`);
            if (left <= 0) throw new RequestTimeout(`no publishDiagnostics for ${uri} within ${timeoutMs} ms (server ${this.alive ? 'alive' : 'exited'}); stderr:\n${this.stderr}`);
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
