import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

/**
 * A language-server bundle (any build's out/server.cjs) spoken to over
 * stdio as an editor would, for the benchmarks: counts publishDiagnostics
 * per URI and reads the server's memory from /proc. The bench's own client
 * code is the same for the baseline and the new build, so only the server
 * differs between their figures.
 */
export class BenchLanguageServer {
    readonly child: ChildProcess;
    readonly connection: MessageConnection;
    private readonly publishes = new Map<string, number>();
    private readonly waiters: Array<() => void> = [];
    private readonly versions = new Map<string, number>();

    constructor(bundle: string, nodeOptions: readonly string[] = []) {
        this.child = spawn(process.execPath, [...nodeOptions, bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
        this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
        this.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
            this.publishes.set(params.uri, this.publishCount(params.uri) + 1);
            for (const wake of this.waiters.splice(0)) wake();
        });
        this.connection.onRequest(() => null);
        this.connection.onNotification(() => undefined);
        this.connection.listen();
    }

    async initialize(): Promise<void> {
        await this.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
        this.connection.sendNotification('initialized', {});
    }

    open(uri: string, text: string): void {
        this.versions.set(uri, 1);
        this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rpcstate', version: 1, text } });
    }

    change(uri: string, contentChanges: unknown[]): void {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    }

    publishCount(uri: string): number {
        return this.publishes.get(uri) ?? 0;
    }

    /** Resolves once `uri` has had more than `after` publishDiagnostics. */
    async published(uri: string, after: number): Promise<void> {
        while (this.publishCount(uri) <= after) await new Promise<void>(resolve => this.waiters.push(resolve));
    }

    /** Resident set now and at its peak, in MiB (Linux /proc; undefined elsewhere). */
    memory(): { rssMiB?: number; peakRssMiB?: number } {
        try {
            const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
            const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]);
            return { rssMiB: Math.round(kib('VmRSS') / 1024), peakRssMiB: Math.round(kib('VmHWM') / 1024) };
        } catch {
            return {};
        }
    }

    /**
     * Starts the peak (VmHWM) over from the current RSS (Linux: `5` to
     * /proc/PID/clear_refs), so a later `memory().peakRssMiB` is the peak of
     * what came after, not of the document's open. False if not possible.
     */
    resetPeakRss(): boolean {
        try {
            writeFileSync(`/proc/${this.child.pid}/clear_refs`, '5');
            return true;
        } catch {
            return false;
        }
    }

    /**
     * CPU time the server process has used so far (all its threads: the
     * garbage collector's and the composition worker's too), in ms, from
     * /proc (undefined elsewhere). Unlike wall time it hardly depends on what
     * else the machine is running, so it compares builds on a loaded machine.
     */
    cpuMs(): number | undefined {
        try {
            // Fields 14 and 15 (utime, stime) in clock ticks, counted after the command name's closing parenthesis.
            const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
            const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
            return (Number(fields[11]) + Number(fields[12])) * 10;
        } catch {
            return undefined;
        }
    }

    /** Shuts down politely (so a CPU profile gets written); kills only a server that hangs. */
    async stop(): Promise<void> {
        await this.connection.sendRequest('shutdown');
        this.connection.sendNotification('exit');
        this.connection.dispose();
        await new Promise(resolve => {
            const timer = setTimeout(() => { this.child.kill(); resolve(undefined); }, 10_000);
            this.child.once('exit', () => { clearTimeout(timer); resolve(undefined); });
        });
    }
}

/** The p-th percentile (0..1) of `values`, to a tenth. */
export function percentile(values: readonly number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] * 10) / 10;
}
