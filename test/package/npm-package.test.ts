// The npm package as a user's CI gets it: packed by scripts/pack-cli.mjs,
// installed from the tarball into an empty folder with an empty npm cache
// and --offline (so no other package can come along), then run through npx
// on Node 22 (this test's own Node) and, for the refusal, on an older Node.
import { execFileSync, spawnSync } from 'node:child_process';
import type { SpawnSyncOptions } from 'node:child_process';
import { accessSync, constants, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TARBALL_BYTES, npmPackageProblems, REQUIRED_FILES } from '../../scripts/npm-package-contents.mjs';
import { HAS_SHARED, OWN_EXAMPLES, REPO_ROOT, SHARED_EXAMPLES } from '../support/paths.js';
import { spawnCli } from '../support/spawn-cli.js';
import { StdioLanguageServer } from '../support/stdio-language-server.js';

const rootManifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const packageManifest = JSON.parse(readFileSync(join(REPO_ROOT, 'packages', 'cli', 'package.json'), 'utf8'));

let work: string;
let tarball: string;
let project: string;
/** Node 22's folder first on PATH: `#!/usr/bin/env node` and npx find it. */
let env: NodeJS.ProcessEnv;

function run(command: string, args: string[], options: SpawnSyncOptions = {}) {
    const result = spawnSync(command, args, { cwd: project, env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024, ...options });
    return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'rpcstate-npm-package-'));
    env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}`, npm_config_cache: join(work, 'npm-cache'), npm_config_offline: 'true', npm_config_update_notifier: 'false', NO_COLOR: '1' };
    const packed = execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'pack-cli.mjs'), '--pack-destination', work], { cwd: REPO_ROOT, env, encoding: 'utf8' });
    tarball = packed.trim().split('\n').at(-1)!;
    project = join(work, 'project');
    mkdirSync(project);
    // As docs/ci.md says, from the project folder (offline: the cache is empty, so nothing else can come along).
    copyFileSync(tarball, join(project, basename(tarball)));
    const installed = run('sh', ['-c', `npm install --save-dev ./${basename(tarball)} --offline --no-audit --no-fund`]);
    expect(installed.status, installed.stderr).toBe(0);
}, 180_000);
afterAll(() => { if (work) rmSync(work, { recursive: true, force: true }); });

describe('the npm package: contents', () => {
    it('holds the two bundles, their bins, docs, README, LICENSE and CHANGELOG, and nothing else, under the size cap', () => {
        expect(tarball).toMatch(/rpcstate-\d+\.\d+\.\d+\.tgz$/);
        const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
        const paths = listed.map(entry => entry.replace(/^package\//, ''));
        expect(npmPackageProblems(paths, { size: statSync(tarball).size })).toEqual([]);
        for (const file of REQUIRED_FILES) expect(paths).toContain(file);
        expect(paths.filter(path => /\.(ts|map)$|^test\/|^src\/|node_modules/.test(path))).toEqual([]);
        expect(statSync(tarball).size).toBeLessThanOrEqual(MAX_TARBALL_BYTES);
    });

    it('has the extension\'s version, no dependencies, and engines.node matching the Node its bins require', () => {
        expect(packageManifest.version).toBe(rootManifest.version);
        expect(packageManifest.dependencies).toBeUndefined();
        expect(packageManifest.engines.node).toBe('>=22');
        expect(readFileSync(join(REPO_ROOT, 'packages', 'cli', 'bin', 'start.cjs'), 'utf8')).toContain('MIN_NODE_MAJOR = 22;');
        expect(packageManifest.homepage).toMatch(/^https:\/\//);
        expect(packageManifest.bugs.url).toMatch(/^https:\/\//);
    });

    it('installs alone: the empty folder gets rpcstate and nothing else', () => {
        expect(readdirSync(join(project, 'node_modules')).filter(name => !name.startsWith('.'))).toEqual(['rpcstate']);
        for (const bin of ['rpcstate', 'rpcstate-language-server']) {
            expect(() => accessSync(join(project, 'node_modules', '.bin', bin), constants.X_OK), bin).not.toThrow();
        }
    });
});

describe('the installed commands on Node 22', () => {
    it.skipIf(!HAS_SHARED)('npx rpcstate check gives the contract\'s exit codes on ../shared/examples, with the same report as the checkout', () => {
        const folder = run('npx', ['rpcstate', 'check', SHARED_EXAMPLES, '--format', 'json']);
        expect(folder.status, folder.stderr).toBe(1);
        expect(folder.stdout).toBe(spawnCli(['check', SHARED_EXAMPLES, '--format', 'json'], { env }).stdout);
        const report = JSON.parse(folder.stdout);
        expect(report.summary.errors).toBeGreaterThan(0);

        const rpcstate = join(project, 'node_modules', '.bin', 'rpcstate');
        const clean = run(rpcstate, ['check', join(SHARED_EXAMPLES, 'async-call.rpcstate')]);
        expect(clean.status, clean.stdout + clean.stderr).toBe(0);
        expect(clean.stdout).toContain('1 file checked: 0 errors');

        const missing = run(rpcstate, ['check', join(work, 'no-such.rpcstate')]);
        expect(missing.status).toBe(2);
        expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    });

    it('runs the commands README.md and docs/ci.md show, as written, in a user\'s project', () => {
        cpSync(OWN_EXAMPLES, join(project, 'specs'), { recursive: true });
        const text = run('sh', ['-c', 'npx rpcstate check specs/']);
        expect(text.status, text.stderr).toBe(1);
        expect(text.stdout).toMatch(/^5 files checked: 3 errors, 0 warnings$/m);
        // docs/ci.md's local pre-commit hook: its entry, given the staged files' names as pre-commit does.
        const hook = run('sh', ['-c', 'npx rpcstate check specs/documented-tables.rpcstate specs/pipe-upload.rpcstate']);
        expect(hook.status, hook.stdout + hook.stderr).toBe(0);
        expect(hook.stdout).toMatch(/^2 files checked: 0 errors, 0 warnings$/m);
        const sarif = run('sh', ['-c', 'npx rpcstate check specs --format sarif > rpcstate.sarif']);
        expect(sarif.status, sarif.stderr).toBe(1);
        const log = JSON.parse(readFileSync(join(project, 'rpcstate.sarif'), 'utf8'));
        const uris = log.runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0].physicalLocation.artifactLocation.uri);
        expect(uris.sort()).toEqual(['specs/mistakes/hasty-client.rpcstate', 'specs/mistakes/waiting-for-each-other.rpcstate', 'specs/mistakes/waiting-for-each-other.rpcstate']);
    });

    it('draws a diagram with the layout engine shipped beside the bundles, as the checkout does', () => {
        const spec = join(OWN_EXAMPLES, 'pipe-upload.rpcstate');
        const drawn = run(join(project, 'node_modules', '.bin', 'rpcstate'), ['diagram', spec]);
        expect(drawn.status, drawn.stderr).toBe(0);
        expect(drawn.stdout).toMatch(/<svg [^>]*>[\s\S]*<\/svg>/);
        expect(drawn.stdout).toBe(spawnCli(['diagram', spec], { env }).stdout);
    });

    it('answers --version and --help on both commands', () => {
        // Through node_modules/.bin as npm links them (npx costs 2-3 s a start; the check above uses it).
        for (const bin of ['rpcstate', 'rpcstate-language-server']) {
            const linked = join(project, 'node_modules', '.bin', bin);
            const version = run(linked, ['--version']);
            expect(version.status, bin).toBe(0);
            expect(version.stdout.trim(), bin).toBe(rootManifest.version);
            const help = run(linked, ['--help']);
            expect(help.status, bin).toBe(0);
            expect(help.stdout, bin).toMatch(bin === 'rpcstate' ? /check/ : /--stdio/);
        }
        const noTransport = run(join(project, 'node_modules', '.bin', 'rpcstate-language-server'), []);
        expect(noTransport.status).toBe(2);
        expect(noTransport.stderr.trim().split('\n')).toEqual([expect.stringMatching(/no transport given; start it with --stdio/)]);
    });

    it('the installed language server answers initialize over stdio and publishes diagnostics', async () => {
        const server = new StdioLanguageServer([], [], join(project, 'node_modules', 'rpcstate', 'bin', 'rpcstate-language-server.cjs'));
        try {
            const result = await server.initialize();
            expect(result.serverInfo?.name ?? 'rpcstate').toBeTruthy();
            expect(result.capabilities.textDocumentSync).toBeDefined();
            const uri = pathToFileURL(join(work, 'broken.rpcstate')).href;
            server.open(uri, 'protocol P\nserver S {\n  initial state D {\n    dispatch\n    -> End\n  }\n  end state End\n}\n');
            const diagnostics = await server.diagnostics(uri);
            expect(diagnostics.map(d => d.code)).toContain('missing-completion');
        } finally {
            await server.stop();
        }
    });
});

/** A Node older than 22 on PATH (the machine's own), outside this checkout's node_modules. */
function olderNode(): string | undefined {
    for (const folder of (process.env.PATH ?? '').split(delimiter)) {
        if (!folder || folder.includes('node_modules')) continue;
        const candidate = join(folder, 'node');
        if (!existsSync(candidate)) continue;
        const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout?.trim();
        if (version && Number(version.split('.')[0]) < 22) return candidate;
    }
    return undefined;
}

describe('the installed commands on an older Node', () => {
    const node = olderNode();
    if (!node) console.warn('[npm package test] no Node older than 22 on PATH: the refusal on an older Node is not tested here.');
    it.skipIf(!node)('print one line naming the Node needed and exit 2', () => {
        for (const bin of ['rpcstate.cjs', 'rpcstate-language-server.cjs']) {
            const result = run(node!, [join(project, 'node_modules', 'rpcstate', 'bin', bin), '--version']);
            expect(result.status, bin).toBe(2);
            expect(result.stdout).toBe('');
            expect(result.stderr.trim().split('\n'), bin).toHaveLength(1);
            expect(result.stderr).toMatch(/Node\.js 22 or later is needed, this is v\d+/);
        }
    });
});

interface ActionStep { id?: string; uses?: string; shell?: string; run?: string; env?: Record<string, string> }

describe('the GitHub action (action.yml) with the packed tarball', () => {
    const action = load(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; steps: ActionStep[] }; inputs: Record<string, { default?: string }> };
    const step = (id: string) => action.runs.steps.find(s => s.id === id)!;

    it('is a composite action whose scripts take inputs only through env (no ${{ }} inside a script)', () => {
        expect(action.runs.using).toBe('composite');
        for (const s of action.runs.steps.filter(s => s.run)) {
            expect(s.shell).toBe('bash');
            expect(s.run).not.toContain('${{');
        }
        expect(step('install').env!.RPCSTATE_PACKAGE).toBe('${{ inputs.package }}');
    });

    /** Runs a step's script as the runner would, with its env filled in. */
    function runStep(s: ActionStep, inputs: Record<string, string>, runner: Record<string, string>) {
        const stepEnv: Record<string, string> = {};
        for (const [name, value] of Object.entries(s.env ?? {})) {
            stepEnv[name] = value.replace(/\$\{\{\s*(inputs|steps)\.([\w.-]+)\s*\}\}/g, (_m, kind: string, key: string) => (kind === 'inputs' ? inputs[key] ?? action.inputs[key]?.default ?? '' : runner[key] ?? ''));
        }
        return run('bash', ['-c', s.run!], { env: { ...env, ...runner, ...stepEnv } });
    }

    it.skipIf(!HAS_SHARED)('installs the package, writes SARIF, reports the exit code and fails the step on findings', () => {
        const runnerTemp = join(work, 'runner-temp');
        mkdirSync(runnerTemp, { recursive: true });
        const outputs = (file: string) => Object.fromEntries(readFileSync(file, 'utf8').trim().split('\n').map(line => line.split(/=(.*)/s).slice(0, 2)));
        const installOutput = join(work, 'install-output');
        const installed = runStep(step('install'), { package: tarball }, { RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: installOutput });
        expect(installed.status, installed.stderr).toBe(0);
        const bin = outputs(installOutput).bin;
        expect(bin).toBe(join(runnerTemp, 'rpcstate-cli', 'node_modules', '.bin', 'rpcstate'));

        const checkOutput = join(work, 'check-output');
        const sarif = join(work, 'action.sarif');
        const checked = runStep(step('check'), { paths: `${join(SHARED_EXAMPLES, 'lint')} ${join(SHARED_EXAMPLES, 'async-call.rpcstate')}`, 'sarif-file': sarif }, { 'install.outputs.bin': bin, GITHUB_OUTPUT: checkOutput });
        expect(checked.status).toBe(1);
        expect(checked.stdout).toMatch(/error\[complete-before-notification\]/);
        expect(outputs(checkOutput)).toEqual({ 'sarif-file': sarif, 'exit-code': '1' });
        expect(JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results.length).toBeGreaterThan(0);

        const lenient = runStep(step('check'), { paths: join(SHARED_EXAMPLES, 'lint'), 'sarif-file': sarif, 'fail-on-findings': 'false' }, { 'install.outputs.bin': bin, GITHUB_OUTPUT: checkOutput });
        expect(lenient.status).toBe(0);
    });
});
