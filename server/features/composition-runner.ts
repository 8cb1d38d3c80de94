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

/** The check itself, as the worker runs it: pure, on plain data. */
export function runCompositionJob(job: CompositionJob): CompositionReport {
    return compositionReport(analyzeComposition(job.protocol, [], { budget: job.budget }), job.protocol);
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

/** What the worker thread is started with, so the bundle knows to serve jobs instead of starting a server. */
export const COMPOSITION_WORKER_DATA = { rpcstateCompositionWorker: true } as const;

/**
 * A worker thread running `script` (the server's own bundle, which serves
 * jobs when started with COMPOSITION_WORKER_DATA). One job at a time; the
 * others wait here, so a cancelled waiting job is just dropped, and a
 * cancelled running one ends the worker (a check of a million joint points
 * takes seconds and cannot be interrupted) and a new one takes the rest.
 */
export class WorkerCompositionRunner implements CompositionRunner {
    private worker: Worker | undefined;
    private running: Pending | undefined;
    private readonly waiting: Pending[] = [];
    private nextId = 0;

    /** `log` hears of errors, and of a running check stopped by a newer edit (info). */
    constructor(private readonly script: string, private readonly log: (kind: 'error' | 'info', message: string) => void = () => undefined) {}

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
        this.running?.resolve(undefined);
        this.running = undefined;
        void this.worker?.terminate();
        this.worker = undefined;
    }

    private cancel(pending: Pending): void {
        const index = this.waiting.indexOf(pending);
        if (index >= 0) this.waiting.splice(index, 1);
        else if (this.running === pending) {
            this.log('info', `client × server check of ${pending.job.protocol.machines.map(m => m.name).join(' × ')} stopped: the text changed`);
            this.stopWorker();
        }
        pending.resolve(undefined);
    }

    private stopWorker(): void {
        this.running = undefined;
        void this.worker?.terminate();
        this.worker = undefined;
        this.startNext();
    }

    private startNext(): void {
        if (this.running || this.waiting.length === 0) return;
        this.running = this.waiting.shift()!;
        this.workerThread().postMessage({ id: this.running.id, job: this.running.job });
    }

    private workerThread(): Worker {
        if (this.worker) return this.worker;
        const worker = new Worker(this.script, { workerData: COMPOSITION_WORKER_DATA });
        worker.on('message', (message: { id: number; report?: CompositionReport; error?: string }) => {
            const running = this.running;
            if (!running || running.id !== message.id) return;
            this.running = undefined;
            if (message.error) this.log('error', `client × server check failed: ${message.error}`);
            running.resolve(message.report);
            this.startNext();
        });
        worker.on('error', error => {
            if (this.worker !== worker) return;
            this.log('error', `client × server worker stopped: ${error.message}`);
            const running = this.running;
            this.worker = undefined;
            this.running = undefined;
            running?.resolve(undefined);
            this.startNext();
        });
        // The worker must not keep the server alive after `exit`.
        worker.unref();
        this.worker = worker;
        return worker;
    }
}
