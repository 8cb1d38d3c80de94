/**
 * A real language-server session on a synthetic protocol: spawns the bundled
 * server (out/server.cjs --stdio), opens the file, then measures what typing
 * feels like: one-character didChange → its publishDiagnostics (the whole
 * re-parse, link and check), and completion after `->`. Reports medians, p95
 * and the server's peak RSS (VmHWM) as one JSON line. Run by scripts/bench.mjs.
 * Usage: node measure-lsp.cjs SERVER_BUNDLE STATES_PER_MACHINE [EDITS]
 * With RPCSTATE_LSP_PROFILE_DIR set, the server writes a V8 CPU profile
 * there (--cpu-prof) to see where the time goes.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { syntheticProtocol } from './synthetic-protocol.js';

const [serverBundle, sizeArg, editsArg] = process.argv.slice(2);
const n = Number(sizeArg);
const edits = Number(editsArg ?? 20);
const uri = `file:///bench/synthetic-${n}.rpcstate`;

function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] * 10) / 10;
}

/** Peak resident set of a Linux process, in MiB (VmHWM), or undefined elsewhere. */
function peakRssMiB(pid: number): number | undefined {
    try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        return match ? Math.round(Number(match[1]) / 1024) : undefined;
    } catch {
        return undefined;
    }
}

async function main(): Promise<void> {
    const text = syntheticProtocol(n);
    const profileDir = process.env.RPCSTATE_LSP_PROFILE_DIR;
    const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    const child = spawn(process.execPath, [...profiling, serverBundle, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    let published = 0;
    let onPublish: (() => void) | undefined;
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
        if (params.uri !== uri) return;
        published++;
        onPublish?.();
    });
    connection.onRequest(() => null);
    connection.listen();
    const nextPublish = (after: number) => new Promise<void>(resolve => {
        if (published > after) return resolve();
        onPublish = () => { if (published > after) { onPublish = undefined; resolve(); } };
    });

    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
    connection.sendNotification('initialized', {});

    let started = performance.now();
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rpcstate', version: 1, text } });
    await nextPublish(0);
    const openToDiagnosticsMs = Math.round(performance.now() - started);

    // Type and delete one character in the first line's comment: the text changes, the findings do not.
    const toDiagnostics: number[] = [];
    let version = 1;
    for (let i = 0; i < edits; i++) {
        const insert = i % 2 === 0;
        const change = insert
            ? { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, text: 'x' }
            : { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } }, text: '' };
        const before = published;
        started = performance.now();
        connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
        await nextPublish(before);
        toDiagnostics.push(performance.now() - started);
    }

    // Completion after the `->` of the client's first transition (`    on success -> W0`).
    const lines = text.split('\n');
    const line = lines.findIndex(l => /^\s+on success -> /.test(l));
    const character = lines[line].indexOf('-> ') + 3;
    const completion: number[] = [];
    let items = 0;
    for (let i = 0; i < edits; i++) {
        started = performance.now();
        const result = await connection.sendRequest<{ items?: unknown[] } | unknown[] | null>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
        completion.push(performance.now() - started);
        items = Array.isArray(result) ? result.length : result?.items?.length ?? 0;
    }

    const rss = peakRssMiB(child.pid!);
    await connection.sendRequest('shutdown');
    connection.sendNotification('exit');
    connection.dispose();
    // Exit on its own after `exit`, so that a CPU profile gets written; kill only a server that hangs.
    await new Promise(resolve => { const timer = setTimeout(() => { child.kill(); resolve(undefined); }, 10_000); child.once('exit', () => { clearTimeout(timer); resolve(undefined); }); });
    console.log(JSON.stringify({
        statesPerMachine: n,
        fileMiB: Math.round(Buffer.byteLength(text) / 1024 / 1024 * 100) / 100,
        openToDiagnosticsMs,
        edits,
        editToDiagnosticsMedianMs: percentile(toDiagnostics, 0.5),
        editToDiagnosticsP95Ms: percentile(toDiagnostics, 0.95),
        completionMedianMs: percentile(completion, 0.5),
        completionItems: items,
        serverPeakRssMiB: rss,
    }));
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
