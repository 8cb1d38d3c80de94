import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { CancellationTokenSource } from 'vscode-languageserver';
import type { CompositionJob } from '../../server/features/composition-runner.js';
import { COMPOSITION_WORKER_DATA, WorkerCompositionRunner } from '../../server/features/composition-runner.js';
import { ladderModel } from '../support/ladder-protocol.js';
import { SERVER_BUNDLE } from '../support/paths.js';

/**
 * The worker thread of the client × server check lives for the session: a
 * newer edit stops a running check through its shared flag, and the same
 * thread takes the next job. Only a thread that does not stop within the
 * grace period is ended. Runs the built bundle (npm run build), as the
 * language server does.
 */
const runners: WorkerCompositionRunner[] = [];
afterEach(() => {
    for (const runner of runners.splice(0)) runner.dispose();
});

/** A runner over `start` that counts the worker threads it starts, and what it logs. */
function counted(start: (script: string) => Worker, graceMs?: number, idleEndMs?: number) {
    const counts = { starts: 0, exits: 0, logged: [] as string[] };
    const runner = new WorkerCompositionRunner(SERVER_BUNDLE, (_kind, message) => counts.logged.push(message), {
        graceMs,
        idleEndMs,
        startWorker: script => {
            counts.starts++;
            const worker = start(script);
            worker.once('exit', () => counts.exits++);
            return worker;
        },
    });
    runners.push(runner);
    return { runner, counts };
}

const bundleWorker = (script: string) => new Worker(script, { workerData: COMPOSITION_WORKER_DATA });
const job = (n: number, variant: 'clean' | 'waits-for-cancel' = 'clean'): CompositionJob => ({ protocol: ladderModel(n, variant) });
const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('the client × server worker', () => {
    it('stops a cancelled running check without ending the thread; the next job runs on it', async () => {
        const { runner, counts } = counted(bundleWorker);
        // Warm: the thread is started and has loaded the bundle.
        expect(await runner.run(job(3), new CancellationTokenSource().token)).toMatchObject({ status: 'checked', points: 28 });
        // 1,400 decisions each: 1,964,204 joint points, near the budget, seconds of work.
        const edit = new CancellationTokenSource();
        const big = runner.run(job(1400, 'waits-for-cancel'), edit.token);
        await delay(300);
        edit.cancel();
        expect(await big).toBeUndefined();
        const next = await runner.run(job(3), new CancellationTokenSource().token);
        expect(next).toMatchObject({ status: 'checked', points: 28 });
        expect(counts.starts).toBe(1);
        expect(counts.logged).toEqual(['client × server check of Climber × Rungs stopped: the text changed']);
    }, 30_000);

    it('drops a cancelled waiting job without touching the running one', async () => {
        const { runner, counts } = counted(bundleWorker);
        const first = runner.run(job(100), new CancellationTokenSource().token);
        const edit = new CancellationTokenSource();
        const second = runner.run(job(3), edit.token);
        edit.cancel();
        expect(await second).toBeUndefined();
        expect(await first).toMatchObject({ status: 'checked', points: 10_407 });
        expect(counts).toMatchObject({ starts: 1, logged: [] });
    }, 30_000);

    it('ends a worker that does not stop within the grace period, and starts another for the next job', async () => {
        // A worker that never reads the flag: the job named Stuck keeps it busy for good,
        // so the next job can only be answered by a new worker (waiting for this one would hang the test).
        const stubborn = () => new Worker(`
            const { parentPort } = require('node:worker_threads');
            parentPort.on('message', ({ id, job }) => {
                if (job.protocol.name === 'Stuck') for (;;);
                parentPort.postMessage({ id, report: { status: 'checked', points: 1, steps: 0, findings: [], deadlocks: [] } });
            });`, { eval: true });
        const { runner, counts } = counted(stubborn, 200);
        const edit = new CancellationTokenSource();
        const stuck = runner.run({ protocol: { ...ladderModel(3, 'clean'), name: 'Stuck' } }, edit.token);
        await delay(100);
        edit.cancel();
        expect(await stuck).toBeUndefined();
        const next = await runner.run(job(3), new CancellationTokenSource().token);
        expect(next).toMatchObject({ status: 'checked' });
        expect(counts.starts).toBe(2);
        expect(counts.logged).toEqual([
            'client × server check of Climber × Rungs stopped: the text changed',
            'client × server worker did not stop within 200 ms: ending it',
        ]);
    }, 30_000);

    it('ends the worker once it has had no job for the idle period, and starts one again for the next job', async () => {
        const { runner, counts } = counted(bundleWorker, undefined, 100);
        // A check that takes longer than the idle period: the timer only runs while nothing does.
        expect(await runner.run(job(300), new CancellationTokenSource().token)).toMatchObject({ status: 'checked' });
        expect(counts.exits).toBe(0);
        // Waits for the exit itself (a hang guard, not a timing check).
        for (let waited = 0; counts.exits === 0; waited += 20) {
            if (waited > 20_000) throw new Error('the idle worker was never ended');
            await delay(20);
        }
        expect(await runner.run(job(3), new CancellationTokenSource().token)).toMatchObject({ status: 'checked', points: 28 });
        expect(counts).toMatchObject({ starts: 2, exits: 1 });
    }, 30_000);
});
