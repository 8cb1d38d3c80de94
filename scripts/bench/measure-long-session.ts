/**
 * A long editing session against one server bundle: the stdio fuzzer's random
 * edits (test/support/random-edit.ts), spread over three open documents, with
 * the requests an editor sends while typing, pausing every 100 edits until
 * the server has published. Samples the server's RSS every tenth of the run,
 * so that memory which keeps growing shows as a rising series. A document
 * that has lost half its text is put back whole (counted as `reverts`), so
 * that the session keeps editing documents of their starting size.
 * Usage: node measure-long-session.cjs SERVER_BUNDLE EDITS [SEED]; prints one JSON line.
 * With RPCSTATE_HEAP_SNAPSHOT_DIR set, the server is started with
 * --heapsnapshot-signal=SIGUSR2 and a heap snapshot is written there at each sample.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { HASTY, TABLES } from '../../test/lsp-stdio/session-fixtures.js';
import { randomEdit } from '../../test/support/random-edit.js';
import { seededRandom } from '../../test/support/seeded-random.js';
import { BenchLanguageServer } from './bench-lsp-client.js';
import { syntheticProtocol } from './synthetic-protocol.js';

const [serverBundle, editsArg, seedArg] = process.argv.slice(2);
const edits = Number(editsArg ?? 100_000);
const random = seededRandom(Number(seedArg ?? 20240611));
const SAMPLES = 10;

async function main(): Promise<void> {
    const snapshotDir = process.env.RPCSTATE_HEAP_SNAPSHOT_DIR;
    const server = new BenchLanguageServer(serverBundle, snapshotDir ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshotDir}`] : []);
    await server.initialize();
    const texts = [TABLES, HASTY, syntheticProtocol(100)];
    let documents = texts.map((text, i) => TextDocument.create(`file:///session/doc${i}.rpcstate`, 'rpcstate', 1, text));
    for (const document of documents) server.open(document.uri, document.getText());
    await Promise.all(documents.map(d => server.published(d.uri, 0)));
    const opened = server.memory().rssMiB;

    const samples: Array<{ edits: number; rssMiB?: number; textKiB: number; seconds: number }> = [];
    const started = performance.now();
    let pending: Array<Promise<unknown>> = [];
    let reverts = 0;
    const ask = (method: string, params: unknown) => pending.push(server.connection.sendRequest(method, params).catch(() => undefined));
    for (let i = 0; i < edits; i++) {
        const which = i % documents.length;
        const document = documents[which];
        // The fuzzer's edits delete a little more than they insert: left alone, the documents were
        // empty after 80,000 edits and the rest of the session measured nothing. A document that has
        // lost half its text is put back whole (one edit replacing everything, like a revert).
        const shrunk = document.getText().length < texts[which].length / 2;
        const change = shrunk ? { range: { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) }, text: texts[which] } : randomEdit(random, document);
        if (shrunk) reverts++;
        documents = documents.map((d, k) => (k === which ? TextDocument.update(d, [change], d.version + 1) : d));
        const before = server.publishCount(document.uri);
        server.change(document.uri, [change]);
        if (i % 4 === 3) {
            const position = documents[which].positionAt(Math.floor(random() * (documents[which].getText().length + 1)));
            const textDocument = { uri: document.uri };
            switch ((i >> 2) % 4) {
                case 0: ask('textDocument/completion', { textDocument, position }); break;
                case 1: ask('textDocument/hover', { textDocument, position }); break;
                case 2: ask('textDocument/documentSymbol', { textDocument }); break;
                default: ask('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } });
            }
        }
        if (i % 50 === 49) await new Promise(resolve => setImmediate(resolve));
        if (i % 100 === 99) {
            // Let the server check the text now and then, so that garbage gets validated, not only cancelled.
            await server.published(document.uri, before);
            await Promise.all(pending);
            pending = [];
        }
        if ((i + 1) % Math.max(1, Math.floor(edits / SAMPLES)) === 0) {
            if (snapshotDir) server.child.kill('SIGUSR2');
            samples.push({
                edits: i + 1,
                rssMiB: server.memory().rssMiB,
                textKiB: Math.round(documents.reduce((sum, d) => sum + d.getText().length, 0) / 1024),
                seconds: Math.round((performance.now() - started) / 100) / 10,
            });
            console.error(`[long session] ${i + 1} edits: RSS ${samples.at(-1)!.rssMiB} MiB`);
        }
    }
    await Promise.all(pending);
    const { peakRssMiB } = server.memory();
    await server.stop();
    const first = samples[0]?.rssMiB;
    const last = samples.at(-1)?.rssMiB;
    console.log(JSON.stringify({
        documents: documents.length,
        edits,
        reverts,
        rssAfterOpenMiB: opened,
        samples,
        lastOverFirstSample: first && last ? Math.round(last / first * 100) / 100 : undefined,
        serverPeakRssMiB: peakRssMiB,
    }));
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
