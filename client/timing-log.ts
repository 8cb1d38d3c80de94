/**
 * The timing lines of the extension, written to its output channel so that a
 * person (and the end-to-end test, which reads the channel's log file) can
 * see how long the editor waited:
 *
 *   activate → server ready: 212 ms
 *   first diagnostics for broken.rpcstate: 64 ms after open (3 diagnostics)
 *
 * Pure bookkeeping, no `vscode` import, so it is unit-tested in plain Node.
 */
export interface TimingLogOptions {
    /** Writes one line (to the output channel). */
    readonly write: (line: string) => void;
    /** Monotonic milliseconds; `performance.now()` unless a test passes a clock. */
    readonly now?: () => number;
}

type Milestone = 'activate' | 'restart';

export class TimingLog {
    private readonly write: (line: string) => void;
    private readonly now: () => number;
    /** Documents waiting for their first diagnostics: uri → when the wait started, and from what. */
    private readonly waiting = new Map<string, { since: number; from: 'open' | 'activate' }>();
    private activatedAt: number | undefined;

    constructor(options: TimingLogOptions) {
        this.write = options.write;
        this.now = options.now ?? (() => performance.now());
    }

    /** Call first thing in `activate()`: the reference point of "activate → server ready". */
    activationStarted(): void {
        this.activatedAt = this.now();
    }

    /** Returns the time a milestone started, to hand back to serverReady(). */
    mark(): number {
        return this.now();
    }

    /** The language client finished its start (the server answered `initialize`). */
    serverReady(milestone: Milestone, startedAt = this.activatedAt ?? this.now()): number {
        const ms = Math.round(this.now() - startedAt);
        this.write(`${milestone} → server ready: ${ms} ms`);
        return ms;
    }

    /**
     * A document of the language was opened. Documents already open when the
     * extension activates were opened before we could see it: their wait is
     * counted from activation, and the line says so.
     */
    documentOpened(uri: string, openedBeforeActivation = false): void {
        if (openedBeforeActivation) {
            this.waiting.set(uri, { since: this.activatedAt ?? this.now(), from: 'activate' });
        } else {
            this.waiting.set(uri, { since: this.now(), from: 'open' });
        }
    }

    /** Closing forgets the wait: diagnostics after reopening are timed from the new open. */
    documentClosed(uri: string): void {
        this.waiting.delete(uri);
    }

    /** The server published diagnostics for `uri` (possibly none). Logs the first arrival after an open. */
    diagnosticsArrived(uri: string, count: number): void {
        const wait = this.waiting.get(uri);
        if (!wait) return;
        this.waiting.delete(uri);
        const ms = Math.round(this.now() - wait.since);
        const after = wait.from === 'open' ? 'after open' : 'after activate (opened before activation)';
        this.write(`first diagnostics for ${fileName(uri)}: ${ms} ms ${after} (${count} diagnostic${count === 1 ? '' : 's'})`);
    }
}

function fileName(uri: string): string {
    const path = uri.replace(/[?#].*$/, '');
    // the last path segment; for `untitled:Untitled-1` the part after the scheme
    const name = path.slice(Math.max(path.lastIndexOf('/'), path.indexOf(':')) + 1);
    try {
        return decodeURIComponent(name) || uri;
    } catch {
        return name || uri;
    }
}
