/**
 * Edits that stop a running client × server check, over stdio against one
 * server bundle. Opens a ladder pair of 1,000 decisions a side (about a
 * million joint points, seconds of checking), then:
 * - cancel → next check: with the big check running, the whole text is
 *   replaced by a 3-decision pair that deadlocks; timed from the edit to the
 *   publish that adds its protocol-deadlocks (so it includes the 250 ms pause
 *   before any check, and whatever the stopped check costs the next one: a
 *   new worker thread loading the bundle, or the same thread taking the job).
 *   The big text is put back after each sample.
 * - EDITS edits of the protocol's name (each changes the pair, so each makes
 *   a new check), each sent while the previous one's check runs; the
 *   server's RSS is sampled every tenth, and its CPU time is read at the end;
 *   then once more a second after a last, small check, with none in flight.
 * Counts the server's "stopped: the text changed" log lines: every edit must
 * have stopped a running check. Usage: node measure-cancel.cjs SERVER_BUNDLE [EDITS] [SAMPLES]; prints one JSON line.
 */
import { BenchLanguageServer, percentile } from './bench-lsp-client.js';
import { ladderProtocol } from './ladder-protocol.js';

const [serverBundle, editsArg, samplesArg] = process.argv.slice(2);
const edits = Number(editsArg ?? 200);
const samples = Number(samplesArg ?? 20);
const uri = 'file:///bench/cancel.rpcstate';
const big = ladderProtocol(1000, 'waits');
const small = ladderProtocol(3, 'waits');
/** After an edit's first publish: the 250 ms pause, then this long into its check. */
const INTO_CHECK_MS = 450;

const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function main(): Promise<void> {
    const server = new BenchLanguageServer(serverBundle);
    let stopped = 0;
    server.connection.onNotification('window/logMessage', (params: { message: string }) => {
        if (params.message.endsWith('stopped: the text changed')) stopped++;
    });
    await server.initialize();
    let text = big;
    const whole = () => ({ range: { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } } });
    /** Sends `change`, waits for its single-machine publish; returns the publish count before it. */
    const edit = async (change: { range: unknown; text: string }, next: string) => {
        const before = server.publishCount(uri);
        server.change(uri, [change]);
        text = next;
        await server.published(uri, before);
        return before;
    };
    server.open(uri, text);
    await server.published(uri, 0);
    // The first check also starts the worker: let it finish (its deadlocks make a second publish).
    await server.published(uri, 1);

    const cancelToNext: number[] = [];
    for (let i = 0; i < samples; i++) {
        await edit({ ...whole(), text: big.replace('Waits', `Waits${i}`) }, big.replace('Waits', `Waits${i}`));
        await delay(INTO_CHECK_MS);
        const started = performance.now();
        // A new name each time: an unchanged pair would be answered from the cache, with no check at all.
        const named = small.replace('Waits', `Waits${i}`);
        const before = await edit({ ...whole(), text: named }, named);
        await server.published(uri, before + 1);
        cancelToNext.push(performance.now() - started);
    }
    await edit({ ...whole(), text: big }, big);
    await delay(INTO_CHECK_MS);

    const firstLine = () => text.split('\n')[0];
    const rss: Array<number | undefined> = [server.memory().rssMiB];
    const stoppedBefore = stopped;
    const cpuBefore = server.cpuMs();
    const startedEdits = performance.now();
    for (let i = 0; i < edits; i++) {
        const name = `protocol Ladder1000Waits${i}`;
        await edit({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine().length } }, text: name }, text.replace(firstLine(), name));
        await delay(INTO_CHECK_MS);
        if ((i + 1) % Math.max(1, Math.floor(edits / 10)) === 0) rss.push(server.memory().rssMiB);
    }
    const editSeconds = (performance.now() - startedEdits) / 1000;
    const cpuAfter = server.cpuMs();
    const stoppedByEdits = stopped - stoppedBefore;
    // Then idle: the last check stopped by a small pair, whose report is published; a second later, no check in flight.
    const before = await edit({ ...whole(), text: small }, small);
    await server.published(uri, before + 1);
    await delay(1000);
    const idle = server.memory().rssMiB;
    const result = {
        edits,
        samples,
        cancelToNextCheckMedianMs: percentile(cancelToNext, 0.5),
        cancelToNextCheckP95Ms: percentile(cancelToNext, 0.95),
        checksStoppedBySamples: stoppedBefore,
        checksStoppedByEdits: stoppedByEdits,
        serverCpuMsPerEdit: cpuBefore !== undefined && cpuAfter !== undefined ? Math.round((cpuAfter - cpuBefore) / edits) : undefined,
        editSeconds: Math.round(editSeconds * 10) / 10,
        rssFirstMiB: rss[0],
        rssLastMiB: rss.at(-1),
        rssMaxMiB: Math.max(...rss.filter((r): r is number => r !== undefined)),
        rssIdleAfterMiB: idle,
        peakRssMiB: server.memory().peakRssMiB,
        rssSamplesMiB: rss,
    };
    await server.stop();
    console.log(JSON.stringify(result));
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
