import { parentPort, workerData } from 'node:worker_threads';
import type { CompositionJob } from './composition-runner.js';
import { COMPOSITION_WORKER_DATA, runCompositionJob } from './composition-runner.js';

/** True inside the worker thread that WorkerCompositionRunner starts. */
export function isCompositionWorker(): boolean {
    return parentPort !== null && (workerData as typeof COMPOSITION_WORKER_DATA | undefined)?.rpcstateCompositionWorker === true;
}

/** The worker's loop: one job per message, answered with its report (or the error, never a crash). */
export function serveCompositionJobs(): void {
    parentPort!.on('message', ({ id, job }: { id: number; job: CompositionJob }) => {
        try {
            parentPort!.postMessage({ id, report: runCompositionJob(job) });
        } catch (error) {
            parentPort!.postMessage({ id, error: error instanceof Error ? error.stack ?? error.message : String(error) });
        }
    });
}
