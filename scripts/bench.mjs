// npm run bench: prints a JSON report of the figures; it never fails on them.
//   npm run bench -- --baseline v0.1.0   also builds that commit (once, into .cache/bench-baseline/)
//     and runs every cold-check, language-server and long-session measurement on both builds,
//     alternately, in the same run: each row then has `baseline`, `new` and `ratio` (new / baseline).
//   --only core,lsp,long,cancel,generator,diagram,composition   the sections to run (all by default).
//   --long-session-edits N   edits of the long session (100000; RPCSTATE_BENCH_LONG_EDITS).
// Sizes: RPCSTATE_BENCH_SIZES=1000,10000 to choose others (cold check and in-process stages).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeTargets, issueTargets } from './bench/issue-targets.mjs';
import { build } from 'esbuild';
import { prepareBaseline } from './bench/baseline-build.mjs';
import { textImportPlugin } from './text-import-plugin.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values: options } = parseArgs({
    options: {
        baseline: { type: 'string' },
        only: { type: 'string' },
        'long-session-edits': { type: 'string' },
    },
});
const sections = new Set((options.only ?? 'core,lsp,long,cancel,generator,diagram,composition').split(','));
const sizes = (process.env.RPCSTATE_BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
// Seven: on a quiet machine, three runs gave the 50k cold check's ratio as 0.44 and nine runs an hour later 0.36, the baseline's median moving by 28% (docs/performance.md).
const runs = Number(process.env.RPCSTATE_BENCH_RUNS ?? 7);
const longEdits = Number(options['long-session-edits'] ?? process.env.RPCSTATE_BENCH_LONG_EDITS ?? 100_000);
mkdirSync(join(root, 'out', 'bench'), { recursive: true });

await build({
    entryPoints: {
        'measure-in-process': join(root, 'scripts/bench/measure-in-process.ts'), 'write-synthetic': join(root, 'scripts/bench/write-synthetic.ts'),
        'measure-lsp': join(root, 'scripts/bench/measure-lsp.ts'), 'measure-long-session': join(root, 'scripts/bench/measure-long-session.ts'),
        'measure-generator': join(root, 'scripts/bench/measure-generator.ts'), 'measure-diagram': join(root, 'scripts/bench/measure-diagram.ts'),
        'measure-composition': join(root, 'scripts/bench/measure-composition.ts'), 'write-ladder': join(root, 'scripts/bench/write-ladder.ts'),
        'measure-cancel': join(root, 'scripts/bench/measure-cancel.ts'),
    },
    outdir: join(root, 'out', 'bench'), outExtension: { '.js': '.cjs' },
    bundle: true, platform: 'node', target: 'node22', format: 'cjs', logLevel: 'warning', plugins: [textImportPlugin],
});

// The builds measured side by side: this checkout, and the baseline if asked for.
const builds = [{ name: 'new', root }];
if (options.baseline) {
    const baseline = prepareBaseline(root, options.baseline);
    builds.push({ name: 'baseline', root: baseline.root, ref: options.baseline, commit: baseline.commit });
}
const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const node = process.execPath;
const scratch = mkdtempSync(join(tmpdir(), 'rpcstate-bench-'));
const report = { node: process.version, date: new Date().toISOString(), runs, builds: builds.map(({ name, ref, commit }) => ({ name, ref, commit })), core: [] };

/** Runs `measure(build)` `times` times on every build, alternating builds, so that both see the same load. */
function sideBySide(times, measure) {
    const results = Object.fromEntries(builds.map(b => [b.name, []]));
    for (let i = 0; i < times; i++) {
        for (const b of (i % 2 === 0 ? builds : [...builds].reverse())) results[b.name].push(measure(b));
    }
    return results;
}

/** { new, baseline, ratio } of one figure (or just the figure without a baseline); ratio = new / baseline. */
function compared(values) {
    if (!('baseline' in values)) return values.new;
    const ratio = typeof values.new === 'number' && values.baseline > 0 ? Math.round(values.new / values.baseline * 100) / 100 : undefined;
    return { new: values.new, baseline: values.baseline, ratio };
}
const figure = (results, pick) => compared(Object.fromEntries(Object.entries(results).map(([name, list]) => [name, pick(list)])));

for (const n of sections.has('core') ? sizes : []) {
    const file = join(scratch, `synthetic-${n}.rpcstate`);
    const written = spawnSync(node, [join(root, 'out/bench/write-synthetic.cjs'), String(n), file], { encoding: 'utf8' });
    if (written.status !== 0) throw new Error(written.stderr);

    // Cold `rpcstate check` processes, started as users start them (bin/rpcstate.cjs, which turns on
    // Node's compile cache), with the peak RSS and CPU time the child reports at exit. One run per
    // build first, not counted, fills that cache, as any earlier run on the machine would have.
    const check = (b, counted) => {
        const rssFile = join(scratch, `rss-${n}-${b.name}`);
        const cpuFile = join(scratch, `cpu-${n}-${b.name}`);
        const started = performance.now();
        const result = spawnSync(node, ['--require', join(root, 'scripts/bench/report-peak-rss.cjs'), join(b.root, 'bin/rpcstate.cjs'), 'check', '--format', 'json', file], {
            encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, RPCSTATE_RSS_FILE: rssFile, RPCSTATE_CPU_FILE: cpuFile },
        });
        const elapsed = performance.now() - started;
        if (result.status !== 0 && result.status !== 1) throw new Error(`check (${b.name}) failed on ${n}: ${result.stderr}`);
        if (!counted) return undefined;
        const read = path => Number(readFileSync(path, 'utf8'));
        return { ms: elapsed, rss: read(rssFile), cpuMs: read(cpuFile) };
    };
    for (const b of builds) check(b, false);
    const cold = sideBySide(runs, b => check(b, true));

    // The stages in process, of this build only (the baseline's bench scripts may differ).
    const inProcess = [];
    for (let i = 0; i < runs; i++) {
        const result = spawnSync(node, ['--expose-gc', join(root, 'out/bench/measure-in-process.cjs'), String(n)], { encoding: 'utf8', maxBuffer: 1 << 26 });
        if (result.status !== 0) throw new Error(result.stderr);
        inProcess.push(JSON.parse(result.stdout.trim().split('\n').pop()));
    }
    const pick = key => median(inProcess.map(r => r[key]));
    // The CLI's path: text → model, then the checks. The editor's: parse (AST + CST), validate, link.
    const total = pick('parseToModelMs') + pick('modelChecksMs');
    const row = {
        statesPerMachine: n,
        states: inProcess[0].states,
        transitions: inProcess[0].transitions,
        fileMiB: Math.round(inProcess[0].bytes / 1024 / 1024 * 100) / 100,
        coldCheckMs: figure(cold, list => Math.round(median(list.map(c => c.ms)))),
        coldCpuMs: figure(cold, list => median(list.map(c => c.cpuMs))),
        coldPeakRssMiB: figure(cold, list => Math.round(median(list.map(c => c.rss)) / 1024)),
        parseToModelMs: pick('parseToModelMs'),
        modelChecksMs: pick('modelChecksMs'),
        analysisShareOfTotal: Math.round(pick('modelChecksMs') / total * 1000) / 1000,
        parseMs: pick('parseMs'),
        linkMs: pick('linkMs'),
        validateMs: pick('validateMs'),
        analysisMs: pick('analysisMs'),
        findings: inProcess[0].findings,
        inProcessPeakRssMiB: pick('peakRssMiB'),
    };
    report.core.push(row);
    console.error(`[bench] ${n} states per machine: cold check ${JSON.stringify(row.coldCheckMs)} ms (CPU ${JSON.stringify(row.coldCpuMs)} ms), peak RSS ${JSON.stringify(row.coldPeakRssMiB)} MiB`);
}

const newFigure = value => (typeof value === 'object' ? value.new : value);
const first = report.core[0];
const last = report.core[report.core.length - 1];
if (first && last && first !== last) {
    const sizeRatio = (last.states + last.transitions) / (first.states + first.transitions);
    report.scaling = {
        sizeRatio: Math.round(sizeRatio * 10) / 10,
        coldCheckRatio: Math.round(newFigure(last.coldCheckMs) / newFigure(first.coldCheckMs) * 10) / 10,
        parseToModelRatio: Math.round(last.parseToModelMs / first.parseToModelMs * 10) / 10,
        modelChecksRatio: Math.round(last.modelChecksMs / first.modelChecksMs * 10) / 10,
        parseRatio: Math.round(last.parseMs / first.parseMs * 10) / 10,
        linkRatio: Math.round(last.linkMs / first.linkMs * 10) / 10,
        validateRatio: Math.round(last.validateMs / first.validateMs * 10) / 10,
        analysisRatio: Math.round(last.analysisMs / first.analysisMs * 10) / 10,
    };
}

/** Runs one bench script against a build's server bundle; returns its JSON line. */
function lspScript(script, args, timeout = 1_800_000, env = {}) {
    const result = spawnSync(node, [join(root, 'out/bench', script), ...args], { encoding: 'utf8', maxBuffer: 1 << 26, timeout, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    if (result.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (${result.status ?? result.signal})`);
    return JSON.parse(result.stdout.trim().split('\n').pop());
}

/** Every numeric figure of per-build JSON lines, side by side; the parameters of the run once. */
const PARAMETERS = new Set(['editKind', 'statesPerMachine', 'fileMiB', 'edits', 'reverts', 'documents', 'samples']);
function mergeFigures(results) {
    const merged = {};
    for (const key of Object.keys(results.new[0])) {
        merged[key] = PARAMETERS.has(key) ? results.new[0][key] : figure(results, list => (typeof list[0][key] === 'number' ? median(list.map(r => r[key])) : list[0][key]));
    }
    return merged;
}

// The lsp section: real stdio sessions (typing latency, requests deep in the file, server RSS).
// RPCSTATE_BENCH_LSP_EDIT_SIZES: states per machine for edit → diagnostics (5000,50000);
// RPCSTATE_BENCH_LSP_SIZE: for completion, hover and definition (5000); RPCSTATE_BENCH_LSP_EDITS: samples (20).
if (sections.has('lsp') && process.env.RPCSTATE_BENCH_LSP !== '0') {
    report.lsp = [];
    const samples = process.env.RPCSTATE_BENCH_LSP_EDITS ?? '20';
    const requestSize = Number(process.env.RPCSTATE_BENCH_LSP_SIZE ?? 5000);
    const editSizes = (process.env.RPCSTATE_BENCH_LSP_EDIT_SIZES ?? '5000,50000').split(',').map(Number);
    for (const n of [...new Set([requestSize, ...editSizes])]) {
        const what = n === requestSize ? (editSizes.includes(n) ? 'all' : 'requests') : 'edits';
        // The same number of edits at every size: at 50,000 states ten gave a median that the first
        // edits after the open (the JIT still warming, the document's line offsets counted) could move.
        const count = samples;
        const results = sideBySide(1, b => lspScript('measure-lsp.cjs', [join(b.root, 'out/server.cjs'), String(n), count, what]));
        const row = mergeFigures(results);
        report.lsp.push(row);
        console.error(`[bench] lsp, ${n} states per machine: edit → diagnostics median ${JSON.stringify(row.editToDiagnosticsMedianMs)} ms, completion p95 ${JSON.stringify(row.completionP95Ms)} ms`);
        if (!editSizes.includes(n)) continue;
        // The same edits on a transition's target: the edited machine's analysis runs on every one.
        const targetEdits = sideBySide(1, b => lspScript('measure-lsp.cjs', [join(b.root, 'out/server.cjs'), String(n), count, 'edits'], undefined, { RPCSTATE_BENCH_EDIT_KIND: 'target' }));
        const targetRow = mergeFigures(targetEdits);
        report.lsp.push(targetRow);
        console.error(`[bench] lsp, ${n} states per machine, target edits: edit → diagnostics median ${JSON.stringify(targetRow.editToDiagnosticsMedianMs)} ms`);
    }
}

/** Like lspScript, without waiting: several long sessions can run at once. */
function lspScriptAsync(script, args) {
    return new Promise((resolve, reject) => {
        const child = spawn(node, [join(root, 'out/bench', script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', chunk => { out += chunk; });
        child.on('close', code => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`${script} ${args.join(' ')} failed (${code})`))));
    });
}

// The long session: the fuzzer's edits on 3 documents, RSS sampled every tenth. The builds run
// their sessions at the same time: what is compared is memory, and 100,000 edits take a while.
if (sections.has('long')) {
    const sessions = await Promise.all(builds.map(b => lspScriptAsync('measure-long-session.cjs', [join(b.root, 'out/server.cjs'), String(longEdits)])));
    const results = Object.fromEntries(builds.map((b, i) => [b.name, [sessions[i]]]));
    report.longSession = mergeFigures(results);
    report.longSession.samples = Object.fromEntries(builds.map(b => [b.name, results[b.name][0].samples]));
    console.error(`[bench] long session, ${longEdits} edits: RSS last / first sample ${JSON.stringify(report.longSession.lastOverFirstSample)}`);
}

// The cancel section: edits that stop a running client × server check (a ladder of about a million
// joint points): edit → the next check's publish, and the server's RSS and CPU over
// RPCSTATE_BENCH_CANCEL_EDITS such edits (200). The builds run one after the other.
if (sections.has('cancel')) {
    const edits = process.env.RPCSTATE_BENCH_CANCEL_EDITS ?? '200';
    // In process, with each build's own runner: its measure script is bundled against that build's source.
    for (const b of builds) {
        const runner = join(b.root, 'server/features/composition-runner.ts');
        const ownRunner = { name: 'own-runner', setup: bundler => bundler.onResolve({ filter: /\/composition-runner\.js$/ }, () => ({ path: runner })) };
        await build({
            entryPoints: [join(root, 'scripts/bench/measure-cancel-in-process.ts')], outfile: join(root, 'out', 'bench', `measure-cancel-in-process-${b.name}.cjs`),
            bundle: true, platform: 'node', target: 'node22', format: 'cjs', logLevel: 'warning', plugins: [ownRunner, textImportPlugin],
        });
    }
    const inProcess = sideBySide(1, b => lspScript(`measure-cancel-in-process-${b.name}.cjs`, [join(b.root, 'out/server.cjs')]));
    const results = sideBySide(1, b => lspScript('measure-cancel.cjs', [join(b.root, 'out/server.cjs'), edits]));
    report.cancel = { inProcess: mergeFigures(inProcess), ...mergeFigures(results) };
    report.cancel.rssSamplesMiB = Object.fromEntries(builds.map(b => [b.name, results[b.name][0].rssSamplesMiB]));
    console.error(`[bench] cancel: cancel → next report in process ${JSON.stringify(report.cancel.inProcess.cancelToNextReportMedianMs)} ms; ${edits} edits: edit → next check ${JSON.stringify(report.cancel.cancelToNextCheckMedianMs)} ms, RSS last ${JSON.stringify(report.cancel.rssLastMiB)} MiB`);
}

// The generator section: generating a client machine of N states (with trace), and compiling what it wrote.
// RPCSTATE_BENCH_GENERATOR=0 skips it; RPCSTATE_BENCH_GENERATOR_SIZES sets N (1000,10000).
if (sections.has('generator') && process.env.RPCSTATE_BENCH_GENERATOR !== '0') {
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
if (sections.has('diagram') && process.env.RPCSTATE_BENCH_DIAGRAM !== '0') {
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

// The client × server check on ladder pairs (scripts/bench/ladder-protocol.ts: N two-way decision
// states per machine, about N² joint points; `clean`, and `waits` where the server waits for a cancel
// that never comes). In process: time and peak RSS growth per reachable point, beside the
// single-machine analysis (target: 1,000,000 points in under 2 s and 300 MiB). Through the CLI: the
// done-when sizes (N = 700: the verdict in under 30 s; N = 3000: a verdict or composition-skipped
// in under 60 s, nothing else reported). RPCSTATE_BENCH_COMPOSITION=0 skips it;
// RPCSTATE_BENCH_COMPOSITION_SIZES=100,300,1000 and RPCSTATE_BENCH_COMPOSITION_CLI_SIZES=700,3000 choose sizes.
if (sections.has('composition') && process.env.RPCSTATE_BENCH_COMPOSITION !== '0') {
    report.composition = { inProcess: [], cli: [] };
    for (const n of (process.env.RPCSTATE_BENCH_COMPOSITION_SIZES ?? '100,300,1000').split(',').map(Number)) {
        for (const variant of ['clean', 'waits']) {
            const rows = [];
            for (let i = 0; i < runs; i++) {
                const result = spawnSync(node, ['--expose-gc', join(root, 'out/bench/measure-composition.cjs'), String(n), variant], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 600_000 });
                if (result.status !== 0) throw new Error(`composition bench failed on ${n} ${variant}: ${result.stderr}`);
                rows.push(JSON.parse(result.stdout.trim().split('\n').pop()));
            }
            const row = { ...rows[0] };
            for (const key of ['compositionMs', 'compositionCpuMs', 'nsPerPoint', 'peakRssGrowthMiB', 'bytesPerPoint', 'singleMachineMs']) row[key] = median(rows.map(r => r[key]));
            report.composition.inProcess.push(row);
            console.error(`[bench] composition ladder ${n} ${variant}: ${row.points} points, ${row.compositionMs} ms (${row.compositionCpuMs} ms CPU), +${row.peakRssGrowthMiB} MiB peak, ${row.bytesPerPoint} B/point, ${row.deadlocks} deadlocks`);
        }
    }
    for (const n of (process.env.RPCSTATE_BENCH_COMPOSITION_CLI_SIZES ?? '700,3000').split(',').map(Number)) {
        for (const variant of ['clean', 'waits']) {
            const file = join(scratch, `ladder-${n}-${variant}.rpcstate`);
            const written = spawnSync(node, [join(root, 'out/bench/write-ladder.cjs'), String(n), variant, file], { encoding: 'utf8' });
            if (written.status !== 0) throw new Error(written.stderr);
            const rssFile = join(scratch, `rss-ladder-${n}-${variant}`);
            const started = performance.now();
            const result = spawnSync(node, ['--require', join(root, 'scripts/bench/report-peak-rss.cjs'), join(root, 'out/cli.cjs'), 'check', '--format', 'json', file], {
                encoding: 'utf8', maxBuffer: 1 << 30, timeout: 600_000, env: { ...process.env, RPCSTATE_RSS_FILE: rssFile },
            });
            const elapsedMs = Math.round(performance.now() - started);
            if (result.status !== 0 && result.status !== 1) throw new Error(`check failed on ladder ${n} ${variant}: ${result.stderr}`);
            const codes = JSON.parse(result.stdout).files[0].diagnostics.map(d => d.code);
            const row = { n, variant, checkMs: elapsedMs, exit: result.status, reported: codes, peakRssMiB: Math.round(Number(spawnSync('cat', [rssFile], { encoding: 'utf8' }).stdout) / 1024) };
            report.composition.cli.push(row);
            console.error(`[bench] rpcstate check, ladder ${n} ${variant}: ${elapsedMs} ms, exit ${result.status}, reported [${codes.join(', ')}], peak RSS ${row.peakRssMiB} MiB`);
        }
    }
}

rmSync(scratch, { recursive: true, force: true });
// Where the six targets of issue 12 stand, read off the figures above (scripts/bench/issue-targets.mjs).
report.targets = issueTargets(report);
console.error(`[bench] the targets of issue 12:\n${describeTargets(report.targets)}`);
console.log(JSON.stringify(report, null, 2));
