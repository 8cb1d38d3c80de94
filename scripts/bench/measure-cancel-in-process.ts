/**
 * Cancel → next job, in the language server's own runner: a
 * WorkerCompositionRunner over SERVER_BUNDLE (warmed by a first job) runs a
 * ladder of 1,000 decisions a side (about a million joint points); 500 ms
 * in, its token is cancelled and a 3-decision pair is run at once. Timed
 * from the cancel to the small pair's report: a worker ended and started
 * again (loading the bundle), or the same one stopping and taking the job.
 * scripts/bench.mjs bundles this once per build, with that build's runner.
 * Usage: node measure-cancel-in-process-BUILD.cjs SERVER_BUNDLE [SAMPLES]; prints one JSON line.
 */
import { CancellationTokenSource } from 'vscode-languageserver';
import { WorkerCompositionRunner } from '../../server/features/composition-runner.js';
import { ladderModel } from '../../test/support/ladder-protocol.js';
import { percentile } from './bench-lsp-client.js';

const [serverBundle, samplesArg] = process.argv.slice(2);
const samples = Number(samplesArg ?? 20);
const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const token = () => new CancellationTokenSource().token;

async function main(): Promise<void> {
    // The runner's worker does not keep a process alive (the server's connection does): this timer does, until the end.
    const alive = setInterval(() => undefined, 1000);
    const big = { protocol: ladderModel(1000, 'waits-for-cancel') };
    const small = { protocol: ladderModel(3, 'waits-for-cancel') };
    let stopped = 0;
    const runner = new WorkerCompositionRunner(serverBundle, (_kind, message) => { if (message.endsWith('stopped: the text changed')) stopped++; });
    const warm = await runner.run(small, token());
    if (warm?.status !== 'checked') throw new Error('the warm-up job gave no report');
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
        const edit = new CancellationTokenSource();
        const running = runner.run(big, edit.token);
        await delay(500);
        const cancelled = performance.now();
        edit.cancel();
        const report = await runner.run(small, token());
        times.push(performance.now() - cancelled);
        if (report?.status !== 'checked') throw new Error('the job after a cancel gave no report');
        await running;
    }
    runner.dispose();
    clearInterval(alive);
    console.log(JSON.stringify({ samples, checksStopped: stopped, cancelToNextReportMedianMs: percentile(times, 0.5), cancelToNextReportP95Ms: percentile(times, 0.95) }));
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
