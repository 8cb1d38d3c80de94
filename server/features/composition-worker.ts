import { parentPort, workerData } from 'node:worker_threads';
import type { CompositionJobAnswer, CompositionJobMessage } from './composition-runner.js';
import { COMPOSITION_WORKER_DATA, runCompositionJob } from './composition-runner.js';
import { garbageCollector } from './collect-garbage.js';

/**
 * Past this many joint points (some 7 MB of arrays, more of hash table) a
 * finished or stopped check's memory is collected once the worker has been
 * idle for COLLECT_WHEN_IDLE_MS, rather than staying resident while it
 * waits. A job that comes sooner goes first (the editor's next check comes
 * 250 ms after an edit at the earliest; a full collection takes 15-70 ms).
 */
const COLLECT_AFTER_POINTS = 65_536;
const COLLECT_WHEN_IDLE_MS = 50;

/** True inside the worker thread that WorkerCompositionRunner starts. */
export function isCompositionWorker(): boolean {
    return parentPort !== null && (workerData as typeof COMPOSITION_WORKER_DATA | undefined)?.rpcstateCompositionWorker === true;
}

/**
 * The worker's loop: one job per message, answered with its report (or the
 * error, never a crash). The check reads the job's stop flag as it goes, so
 * a cancelled job ends early (status `cancelled`) and the thread stays;
 * after a big job, once idle, it collects the garbage.
 */
export function serveCompositionJobs(): void {
    const collect = garbageCollector();
    let idle: ReturnType<typeof setTimeout> | undefined;
    parentPort!.on('message', ({ id, job, stop }: CompositionJobMessage) => {
        clearTimeout(idle);
        let answer: CompositionJobAnswer;
        try {
            answer = { id, report: runCompositionJob(job, () => Atomics.load(stop, 0) !== 0) };
        } catch (error) {
            answer = { id, error: error instanceof Error ? error.stack ?? error.message : String(error) };
        }
        parentPort!.postMessage(answer);
        const report = answer.report;
        if (collect && report && (report.points >= COLLECT_AFTER_POINTS || report.status === 'cancelled')) idle = setTimeout(collect, COLLECT_WHEN_IDLE_MS);
    });
}
