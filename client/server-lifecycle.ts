import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './language-client.js';
import type { TimingLog } from './timing-log.js';
import { settingControlledTraceChannel } from './trace-channel.js';

/**
 * Owns the one language client: starts it, restarts it with a fresh client
 * (a client whose start failed cannot be started again), stops it on
 * deactivation. Commands ask it for a running client instead of holding one.
 */
export class ServerLifecycle implements vscode.Disposable {
    private client: LanguageClient | undefined;
    private starting: Promise<LanguageClient | undefined> | undefined;
    private readonly traceChannel: vscode.LogOutputChannel;

    constructor(
        private readonly context: vscode.ExtensionContext,
        private readonly output: vscode.LogOutputChannel,
        private readonly timing: TimingLog,
    ) {
        this.traceChannel = settingControlledTraceChannel(output);
    }

    /** Starts the server; logs "<milestone> → server ready: N ms". Resolves undefined if it failed (reported). */
    start(milestone: 'activate' | 'restart', startedAt?: number): Promise<LanguageClient | undefined> {
        this.starting = this.startClient(milestone, startedAt);
        return this.starting;
    }

    /** The running client, waiting for a start under way; undefined if the server could not start. */
    async running(): Promise<LanguageClient | undefined> {
        const client = await this.starting;
        return client?.isRunning() ? client : undefined;
    }

    async restart(): Promise<LanguageClient | undefined> {
        const startedAt = this.timing.mark();
        await this.stopClient();
        return this.start('restart', startedAt);
    }

    async dispose(): Promise<void> {
        await this.stopClient();
        this.traceChannel.dispose();
    }

    private async startClient(milestone: 'activate' | 'restart', startedAt?: number): Promise<LanguageClient | undefined> {
        const client = createLanguageClient(this.context, this.output, this.traceChannel, this.timing);
        this.client = client;
        try {
            await client.start();
            this.timing.serverReady(milestone, startedAt);
            return client;
        } catch (e) {
            const message = `rpcstate: the language server did not start: ${(e as Error)?.message ?? e}`;
            this.output.appendLine(message);
            void vscode.window.showErrorMessage(message, 'Show Output').then(choice => {
                if (choice) this.output.show();
            });
            return undefined;
        }
    }

    private async stopClient(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        this.starting = undefined;
        if (!client) return;
        try {
            // dispose() stops a running server (shutdown, then exit) and frees the client
            await client.dispose();
        } catch (e) {
            this.output.appendLine(`rpcstate: stopping the language server failed: ${(e as Error)?.message ?? e}`);
        }
    }
}
