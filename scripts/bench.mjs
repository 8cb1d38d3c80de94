// npm run bench: prints a JSON report of the figures; it never fails on them.
// Sizes: RPCSTATE_BENCH_SIZES=1000,10000 to choose others.
// Then the `lsp` section (a stdio session with the bundled server): RPCSTATE_BENCH_LSP=0 skips it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const sizes = (process.env.RPCSTATE_BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const runs = Number(process.env.RPCSTATE_BENCH_RUNS ?? 3);
mkdirSync(join(root, 'out', 'bench'), { recursive: true });

await build({
    entryPoints: { 'measure-in-process': join(root, 'scripts/bench/measure-in-process.ts'), 'write-synthetic': join(root, 'scripts/bench/write-synthetic.ts'), 'measure-lsp': join(root, 'scripts/bench/measure-lsp.ts'), 'measure-generator': join(root, 'scripts/bench/measure-generator.ts'), 'measure-diagram': join(root, 'scripts/bench/measure-diagram.ts') },
    outdir: join(root, 'out', 'bench'), outExtension: { '.js': '.cjs' },
    bundle: true, platform: 'node', target: 'node22', format: 'cjs', logLevel: 'warning',
});

const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const node = process.execPath;
const scratch = mkdtempSync(join(tmpdir(), 'rpcstate-bench-'));
const report = { node: process.version, date: new Date().toISOString(), runs, core: [] };

for (const n of sizes) {
    const file = join(scratch, `synthetic-${n}.rpcstate`);
    const written = spawnSync(node, [join(root, 'out/bench/write-synthetic.cjs'), String(n), file], { encoding: 'utf8' });
    if (written.status !== 0) throw new Error(written.stderr);

    // Cold `rpcstate check` processes, with the peak RSS the child reports at exit.
    const cold = [];
    for (let i = 0; i < runs; i++) {
        const rssFile = join(scratch, `rss-${n}-${i}`);
        const started = performance.now();
        const result = spawnSync(node, ['--require', join(root, 'scripts/bench/report-peak-rss.cjs'), join(root, 'out/cli.cjs'), 'check', '--format', 'json', file], {
            encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, RPCSTATE_RSS_FILE: rssFile },
        });
        const elapsed = performance.now() - started;
        if (result.status !== 0 && result.status !== 1) throw new Error(`check failed on ${n}: ${result.stderr}`);
        cold.push({ ms: elapsed, rss: Number(spawnSync('cat', [rssFile], { encoding: 'utf8' }).stdout) });
    }

    const inProcess = [];
    for (let i = 0; i < runs; i++) {
        const result = spawnSync(node, ['--expose-gc', join(root, 'out/bench/measure-in-process.cjs'), String(n)], { encoding: 'utf8', maxBuffer: 1 << 26 });
        if (result.status !== 0) throw new Error(result.stderr);
        inProcess.push(JSON.parse(result.stdout.trim().split('\n').pop()));
    }
    const pick = key => median(inProcess.map(r => r[key]));
    // The CLI path: parse + validate (linking is the editor's, measured to show it is linear).
    const total = pick('parseMs') + pick('validateMs');
    const row = {
        statesPerMachine: n,
        states: inProcess[0].states,
        transitions: inProcess[0].transitions,
        fileMiB: Math.round(inProcess[0].bytes / 1024 / 1024 * 100) / 100,
        coldCheckMs: Math.round(median(cold.map(c => c.ms))),
        coldPeakRssMiB: Math.round(median(cold.map(c => c.rss)) / 1024),
        parseMs: pick('parseMs'),
        linkMs: pick('linkMs'),
        validateMs: pick('validateMs'),
        analysisMs: pick('analysisMs'),
        analysisShareOfTotal: Math.round(pick('analysisMs') / total * 1000) / 1000,
        findings: inProcess[0].findings,
        inProcessPeakRssMiB: pick('peakRssMiB'),
    };
    report.core.push(row);
    console.error(`[bench] ${n} states per machine: cold check ${row.coldCheckMs} ms`);
}

const first = report.core[0];
const last = report.core[report.core.length - 1];
if (first && last && first !== last) {
    const sizeRatio = (last.states + last.transitions) / (first.states + first.transitions);
    report.scaling = {
        sizeRatio: Math.round(sizeRatio * 10) / 10,
        coldCheckRatio: Math.round(last.coldCheckMs / first.coldCheckMs * 10) / 10,
        parseRatio: Math.round(last.parseMs / first.parseMs * 10) / 10,
        linkRatio: Math.round(last.linkMs / first.linkMs * 10) / 10,
        validateRatio: Math.round(last.validateMs / first.validateMs * 10) / 10,
        analysisRatio: Math.round(last.analysisMs / first.analysisMs * 10) / 10,
    };
}
// The lsp section: a real stdio session with the bundled server (typing latency, completion, server RSS).
// RPCSTATE_BENCH_LSP=0 skips it; RPCSTATE_BENCH_LSP_SIZE sets the states per machine (5000).
if (process.env.RPCSTATE_BENCH_LSP !== '0') {
    const lspSize = Number(process.env.RPCSTATE_BENCH_LSP_SIZE ?? 5000);
    const result = spawnSync(node, [join(root, 'out/bench/measure-lsp.cjs'), join(root, 'out/server.cjs'), String(lspSize), '20'], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 600_000 });
    if (result.status !== 0) throw new Error(`lsp session failed: ${result.stderr}`);
    report.lsp = JSON.parse(result.stdout.trim().split('\n').pop());
    console.error(`[bench] lsp, ${lspSize} states per machine: edit → diagnostics median ${report.lsp.editToDiagnosticsMedianMs} ms, completion ${report.lsp.completionMedianMs} ms`);
}

// The generator section: generating a client machine of N states (with trace), and compiling what it wrote.
// RPCSTATE_BENCH_GENERATOR=0 skips it; RPCSTATE_BENCH_GENERATOR_SIZES sets N (1000,10000).
if (process.env.RPCSTATE_BENCH_GENERATOR !== '0') {
    report.generator = [];
    for (const n of (process.env.RPCSTATE_BENCH_GENERATOR_SIZES ?? '1000,10000').split(',').map(Number)) {
        const result = spawnSync(node, [join(root, 'out/bench/measure-generator.cjs'), String(n), String(runs), root], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 900_000 });
        if (result.status !== 0) throw new Error(`generator bench failed on ${n}: ${result.stderr}`);
        const row = JSON.parse(result.stdout.trim().split('\n').pop());
        report.generator.push(row);
        console.error(`[bench] generator, ${row.states} states: generate ${row.generateMs} ms, compile ${row.compileMs} ms`);
    }
}

// Diagrams: model + ELK layout + SVG, by states in all (target: 500 states under 2 s),
// and the update after an edit (target: under 300 ms at 100 states).
// RPCSTATE_BENCH_DIAGRAM=0 skips it; RPCSTATE_BENCH_DIAGRAM_SIZES=100,500 to choose sizes.
if (process.env.RPCSTATE_BENCH_DIAGRAM !== '0') {
    report.diagram = [];
    for (const n of (process.env.RPCSTATE_BENCH_DIAGRAM_SIZES ?? '100,500,2000').split(',').map(Number)) {
        const runsOf = [];
        // Layout time grows faster than linearly: one run above 500 states, and a time limit that is reported, not thrown.
        const limitMs = Number(process.env.RPCSTATE_BENCH_DIAGRAM_LIMIT_MS ?? 300_000);
        for (let i = 0; i < (n > 500 ? 1 : runs); i++) {
            const result = spawnSync(node, [join(root, 'out/bench/measure-diagram.cjs'), String(n)], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: limitMs });
            if (result.error?.code === 'ETIMEDOUT' || result.signal === 'SIGTERM') break;
            if (result.status !== 0) throw new Error(`diagram bench failed on ${n}: ${result.stderr}`);
            runsOf.push(JSON.parse(result.stdout.trim().split('\n').pop()));
        }
        if (runsOf.length === 0) {
            report.diagram.push({ requestedStates: n, timedOutAfterMs: limitMs });
            console.error(`[bench] diagram of ${n} states: no layout within ${limitMs} ms`);
            continue;
        }
        const pickDiagram = key => median(runsOf.map(r => r[key]));
        const row = { requestedStates: n, states: runsOf[0].states, transitions: runsOf[0].transitions, svgKiB: runsOf[0].svgKiB };
        for (const key of ['modelMs', 'layoutMs', 'renderMs', 'layoutAndRenderMs', 'updateAfterEditMs', 'peakRssMiB']) row[key] = pickDiagram(key);
        report.diagram.push(row);
        console.error(`[bench] diagram of ${row.states} states: layout + render ${row.layoutAndRenderMs} ms cold, update after an edit ${row.updateAfterEditMs} ms`);
    }
}

rmSync(scratch, { recursive: true, force: true });
console.log(JSON.stringify(report, null, 2));
