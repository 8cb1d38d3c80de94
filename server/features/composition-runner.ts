import { Worker } from 'node:worker_threads';
import type { CancellationToken, Disposable } from 'vscode-languageserver';
import { analyzeComposition } from '../../language/analysis/composition/analyze-composition.js';
import type { CompositionReport } from '../../language/analysis/composition/composition-report.js';
import { compositionReport } from '../../language/analysis/composition/composition-report.js';
import type { ProtocolModel } from '../../language/model/machine-model.js';

/** One client × server check: a protocol of plain data (plain-model.ts) with exactly its client and its server. */
export interface CompositionJob {
    readonly protocol: ProtocolModel;
    readonly budget?: number;
}

/**
 * Runs client × server checks off the edit loop. `run` resolves with the
 * report, or with undefined once `token` is cancelled (a newer edit): a
 * cancelled check is abandoned, never published.
 */
export interface CompositionRunner {
    run(job: CompositionJob, token: CancellationToken): Promise<CompositionReport | undefined>;
    dispose(): void;
}

/** The check itself, as the worker runs it: pure, on plain data. `shouldStop` true ends it with status `cancelled`. */
export function runCompositionJob(job: CompositionJob, shouldStop?: () => boolean): CompositionReport {
    return compositionReport(analyzeComposition(job.protocol, [], { budget: job.budget, shouldStop }), job.protocol);
}

/**
 * In the server's own thread, after the current task (so after the
 * single-machine diagnostics went out). It cannot be interrupted once
 * started: for tests and hosts without worker threads.
 */
export class InlineCompositionRunner implements CompositionRunner {
    async run(job: CompositionJob, token: CancellationToken): Promise<CompositionReport | undefined> {
        await new Promise<void>(resolve => setTimeout(resolve, 0));
        if (token.isCancellationRequested) return undefined;
        const report = runCompositionJob(job);
        return token.isCancellationRequested ? undefined : report;
    }

    dispose(): void {}
}

interface Pending {
    readonly id: number;
    readonly job: CompositionJob;
    readonly resolve: (report: CompositionReport | undefined) => void;
}

/** The job in the worker: its stop flag, and once cancelled, the timer that ends the worker should it not stop. */
interface Running {
    readonly pending: Pending;
    readonly stop: Int32Array;
    grace?: ReturnType<typeof setTimeout>;
}

/** What the runner posts to the worker: the job, and its stop flag (an Int32Array over a SharedArrayBuffer; 1 = stop). */
export interface CompositionJobMessage {
    readonly id: number;
    readonly job: CompositionJob;
    readonly stop: Int32Array;
}

/** The worker's answer: the report (status `cancelled` when the flag stopped it), or the error. */
export interface CompositionJobAnswer {
    readonly id: number;
    readonly report?: CompositionReport;
    readonly error?: string;
}

/** What the worker thread is started with, so the bundle knows to serve jobs instead of starting a server. */
export const COMPOSITION_WORKER_DATA = { rpcstateCompositionWorker: true } as const;

/**
 * How long a cancelled check may take to stop before its worker is ended.
 * The check looks at its flag every few thousand joint points (milliseconds
 * apart): only a worker that is stuck, or a phase that does not look, takes
 * this long.
 */
export const STOP_GRACE_MS = 2000;

/**
 * How long the worker may sit with no job before it is ended. While a user
 * types, checks come every few hundred milliseconds and one thread serves
 * them all; once the editing stops, ending the thread hands back what its
 * allocator keeps (50–100 MiB after a large check, docs/performance.md), and
 * the next check pays one worker start again.
 */
export const IDLE_END_MS = 60_000;

export interface WorkerRunnerOptions {
    /** Default STOP_GRACE_MS. */
    readonly graceMs?: number;
    /** Default IDLE_END_MS. */
    readonly idleEndMs?: number;
    /** Starts the worker thread: `new Worker(script, { workerData: COMPOSITION_WORKER_DATA })` unless a test counts or replaces it. */
    readonly startWorker?: (script: string) => Worker;
}

/**
 * A worker thread running `script` (the server's own bundle, which serves
 * jobs when started with COMPOSITION_WORKER_DATA), kept for the session:
 * starting one loads and compiles the whole bundle. One job at a time; the
 * others wait here, so a cancelled waiting job is just dropped. A cancelled
 * running one is told to stop through its shared flag (the check reads it
 * every few thousand joint points) and its answer is dropped; the worker
 * then takes the next job. Only a worker that has not answered within the
 * grace period is ended, and a new one takes the rest.
 */
export class WorkerCompositionRunner implements CompositionRunner {
    private worker: Worker | undefined;
    private running: Running | undefined;
    private readonly waiting: Pending[] = [];
    private nextId = 0;
    private readonly graceMs: number;
    private readonly idleEndMs: number;
    private idleTimer: ReturnType<typeof setTimeout> | undefined;
    private readonly startWorker: (script: string) => Worker;

    /** `log` hears of errors, and of a running check stopped by a newer edit (info). */
    constructor(private readonly script: string, private readonly log: (kind: 'error' | 'info', message: string) => void = () => undefined, options: WorkerRunnerOptions = {}) {
        this.graceMs = options.graceMs ?? STOP_GRACE_MS;
        this.idleEndMs = options.idleEndMs ?? IDLE_END_MS;
        this.startWorker = options.startWorker ?? (path => new Worker(path, { workerData: COMPOSITION_WORKER_DATA }));
    }

    run(job: CompositionJob, token: CancellationToken): Promise<CompositionReport | undefined> {
        if (token.isCancellationRequested) return Promise.resolve(undefined);
        return new Promise(resolve => {
            let subscription: Disposable | undefined = undefined;
            const pending: Pending = { id: this.nextId++, job, resolve: report => { subscription?.dispose(); resolve(report); } };
            subscription = token.onCancellationRequested(() => this.cancel(pending));
            this.waiting.push(pending);
            this.startNext();
        });
    }

    dispose(): void {
        for (const pending of this.waiting.splice(0)) pending.resolve(undefined);
        this.endWorker();
        this.stopIdleTimer();
    }

    private cancel(pending: Pending): void {
        const index = this.waiting.indexOf(pending);
        if (index >= 0) this.waiting.splice(index, 1);
        else if (this.running?.pending === pending && this.running.grace === undefined) {
            this.log('info', `client × server check of ${pending.job.protocol.machines.map(m => m.name).join(' × ')} stopped: the text changed`);
            const running = this.running;
            Atomics.store(running.stop, 0, 1);
            running.grace = setTimeout(() => {
                if (this.running !== running) return;
                this.log('info', `client × server worker did not stop within ${this.graceMs} ms: ending it`);
                this.endWorker();
                this.startNext();
            }, this.graceMs);
            // The timer must not keep the server alive after `exit`.
            running.grace.unref?.();
        }
        pending.resolve(undefined);
    }

    /** Ends the worker thread and drops its job (unanswered); the next job starts a new one. */
    private endWorker(): void {
        const running = this.running;
        this.running = undefined;
        if (running?.grace !== undefined) clearTimeout(running.grace);
        running?.pending.resolve(undefined);
        void this.worker?.terminate();
        this.worker = undefined;
    }

    private startNext(): void {
        if (this.running) return;
        if (this.waiting.length === 0) {
            this.endWhenIdle();
            return;
        }
        this.stopIdleTimer();
        const pending = this.waiting.shift()!;
        const stop = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
        this.running = { pending, stop };
        const message: CompositionJobMessage = { id: pending.id, job: pending.job, stop };
        this.workerThread().postMessage(message);
    }

    private endWhenIdle(): void {
        if (!this.worker || this.idleTimer !== undefined) return;
        this.idleTimer = setTimeout(() => {
            this.idleTimer = undefined;
            if (!this.running && this.waiting.length === 0) this.endWorker();
        }, this.idleEndMs);
        // The timer must not keep the server alive after `exit`.
        this.idleTimer.unref?.();
    }

    private stopIdleTimer(): void {
        if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
        this.idleTimer = undefined;
    }

    private workerThread(): Worker {
        if (this.worker) return this.worker;
        const worker = this.startWorker(this.script);
        worker.on('message', (message: CompositionJobAnswer) => {
            const running = this.running;
            if (this.worker !== worker || !running || running.pending.id !== message.id) return;
            this.running = undefined;
            if (running.grace !== undefined) clearTimeout(running.grace);
            if (message.error) this.log('error', `client × server check failed: ${message.error}`);
            // A stopped check's report says nothing: it is neither published nor cached (its job was answered undefined already).
            running.pending.resolve(message.report?.status === 'cancelled' ? undefined : message.report);
            this.startNext();
        });
        worker.on('error', error => {
            if (this.worker !== worker) return;
            this.log('error', `client × server worker stopped: ${error.message}`);
            this.endWorker();
            this.startNext();
        });
        // The worker must not keep the server alive after `exit`.
        worker.unref();
        this.worker = worker;
        return worker;
    }
}
