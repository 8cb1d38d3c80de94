/**
 * A real language-server session on a synthetic protocol: spawns a server
 * bundle (out/server.cjs --stdio, of this build or the baseline's), opens the
 * file, then measures what typing feels like:
 * - edit → diagnostics: a one-character edit inside one machine, inserted
 *   then deleted, until its publishDiagnostics. RPCSTATE_BENCH_EDIT_KIND says
 *   where: `description` (default), in a state description halfway through
 *   the client (the findings stay the same, and nothing the analysis reads
 *   changes); `target`, at the end of a transition's target in that state
 *   (the target becomes unknown, then known again: the machine's analysis
 *   must run each time);
 * - completion (after `->`), hover and definition (on a target name) at a
 *   transition 80% deep into the client, asked when the server is idle, and
 *   asked right after an edit (as while typing: the answer must not wait for
 *   the whole document's rebuild).
 * Reports medians, p95 and the server's RSS as one JSON line. Run by
 * scripts/bench.mjs. Usage: node measure-lsp.cjs SERVER_BUNDLE STATES_PER_MACHINE [EDITS] [requests|edits]
 * With RPCSTATE_LSP_PROFILE_DIR set, the server writes a V8 CPU profile
 * there (--cpu-prof) to see where the time goes.
 */
import { BenchLanguageServer, percentile } from './bench-lsp-client.js';
import { syntheticProtocol } from './synthetic-protocol.js';

const [serverBundle, sizeArg, editsArg, only] = process.argv.slice(2);
const n = Number(sizeArg);
const edits = Number(editsArg ?? 20);
const uri = `file:///bench/synthetic-${n}.rpcstate`;
const editKind = process.env.RPCSTATE_BENCH_EDIT_KIND === 'target' ? 'target' : 'description';

interface Position { line: number; character: number }

/** Where the edits and requests go: a description (or a target) halfway through the client, a transition target 80% into it. */
function sites(text: string): { edit: Position; arrow: Position; target: Position } {
    const lines = text.split('\n');
    const blocks = Math.max(1, Math.floor(n / 4));
    const editBlock = Math.floor(blocks / 2);
    const editLine = lines.findIndex(l => l.startsWith(`  state W${editBlock} "`));
    const deepBlock = Math.floor(blocks * 0.8);
    const stateLine = lines.findIndex(l => /^  (initial )?state C\d+ /.test(l) && l.includes(`state C${deepBlock} `));
    const arrowLine = stateLine + 2;
    if (editLine < 0 || stateLine < 0 || !/^\s+on success -> /.test(lines[arrowLine])) throw new Error('synthetic layout changed: no edit or request site');
    const character = lines[arrowLine].indexOf('-> ') + 3;
    const requests = { arrow: { line: arrowLine, character }, target: { line: arrowLine, character: character + 1 } };
    if (editKind === 'description') return { edit: { line: editLine, character: lines[editLine].indexOf('"') + 1 }, ...requests };
    // The Wait state's default transition, `-> P<block>`, two lines below its header.
    const targetLine = editLine + 2;
    if (!lines[targetLine].startsWith(`    -> P${editBlock}`)) throw new Error('synthetic layout changed: no target to edit');
    return { edit: { line: targetLine, character: lines[targetLine].length }, ...requests };
}

async function main(): Promise<void> {
    const text = syntheticProtocol(n);
    const site = sites(text);
    const profileDir = process.env.RPCSTATE_LSP_PROFILE_DIR;
    const server = new BenchLanguageServer(serverBundle, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
    await server.initialize();

    let started = performance.now();
    server.open(uri, text);
    await server.published(uri, 0);
    const openToDiagnosticsMs = Math.round(performance.now() - started);
    // The open's peak apart from the edits': a whole parse of the text is not what typing costs.
    const openPeakRssMiB = server.memory().peakRssMiB;
    const peakReset = server.resetPeakRss();

    // Type and delete one character in the description: the text changes, the findings do not.
    let inserted = false;
    const edit = () => {
        const { line, character } = site.edit;
        const change = inserted
            ? { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' }
            : { range: { start: { line, character }, end: { line, character } }, text: 'x' };
        inserted = !inserted;
        server.change(uri, [change]);
    };
    const toDiagnostics: number[] = [];
    const cpuBefore = server.cpuMs();
    if (only !== 'requests') {
        for (let i = 0; i < edits; i++) {
            const before = server.publishCount(uri);
            started = performance.now();
            edit();
            await server.published(uri, before);
            toDiagnostics.push(performance.now() - started);
        }
    }
    const cpuAfter = server.cpuMs();
    const editsPeakRssMiB = peakReset && toDiagnostics.length ? server.memory().peakRssMiB : undefined;
    // The server's CPU time per edit (clock ticks of 10 ms, so a mean over the edits): the load-independent figure.
    const editServerCpuMs = toDiagnostics.length && cpuBefore !== undefined && cpuAfter !== undefined ? Math.round((cpuAfter - cpuBefore) / toDiagnostics.length) : undefined;

    const requests = {
        completion: { method: 'textDocument/completion', position: site.arrow },
        hover: { method: 'textDocument/hover', position: site.target },
        definition: { method: 'textDocument/definition', position: site.target },
    };
    const figures: Record<string, number> = {};
    let completionItems = 0;
    if (only !== 'edits') {
        for (const [name, { method, position }] of Object.entries(requests)) {
            const idle: number[] = [];
            const typing: number[] = [];
            for (let i = 0; i < edits; i++) {
                started = performance.now();
                const result = await server.connection.sendRequest<{ items?: unknown[] } | unknown[] | null>(method, { textDocument: { uri }, position });
                idle.push(performance.now() - started);
                if (name === 'completion') completionItems = Array.isArray(result) ? result.length : result?.items?.length ?? 0;
                // Right after a keystroke elsewhere in the file: the request races the rebuild.
                const before = server.publishCount(uri);
                edit();
                started = performance.now();
                await server.connection.sendRequest(method, { textDocument: { uri }, position });
                typing.push(performance.now() - started);
                await server.published(uri, before);
            }
            figures[`${name}MedianMs`] = percentile(idle, 0.5);
            figures[`${name}P95Ms`] = percentile(idle, 0.95);
            figures[`${name}AfterEditMedianMs`] = percentile(typing, 0.5);
            figures[`${name}AfterEditP95Ms`] = percentile(typing, 0.95);
        }
    }

    const { peakRssMiB } = server.memory();
    await server.stop();
    console.log(JSON.stringify({
        statesPerMachine: n,
        editKind,
        fileMiB: Math.round(Buffer.byteLength(text) / 1024 / 1024 * 100) / 100,
        openToDiagnosticsMs,
        edits,
        ...(toDiagnostics.length ? { editToDiagnosticsMedianMs: percentile(toDiagnostics, 0.5), editToDiagnosticsP95Ms: percentile(toDiagnostics, 0.95), editServerCpuMs } : {}),
        ...figures,
        ...(only !== 'edits' ? { completionItems } : {}),
        serverPeakRssMiB: peakRssMiB,
        openPeakRssMiB,
        ...(editsPeakRssMiB !== undefined ? { editsPeakRssMiB } : {}),
    }));
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
