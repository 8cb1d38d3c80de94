/**
 * End-to-end harness: a packaged VS Code extension (.vsix) running in a real
 * VS Code (code-server, i.e. VS Code's server + web workbench), driven by
 * Debian's headless Chromium through playwright-core.
 *
 * Prerequisite: `bash scripts/e2e/setup.sh` (installs chromium, Node 22 and
 * code-server into ${RPCSTATE_E2E_CACHE:-~/.cache/rpcstate-e2e} and writes
 * env.json there). `e2eSetupProblem()` tells whether that was done, so a test
 * file can skip with a clear reason instead of failing.
 *
 * Typical use (vitest):
 *
 *   const server = await startCodeServer({ vsixPath, workspaceFolder });
 *   const wb = await openWorkbench(server.url);
 *   try {
 *     await openFile(wb.page, 'a.rpcstate');
 *     await waitForProblems(wb.page, rows => rows.some(r => r.includes('...')));
 *   } finally {
 *     await wb.close();
 *     await server.stop();
 *   }
 *
 * Every wait has a timeout and fails with a message naming what it waited
 * for; stop()/close() kill the whole process trees (code-server, its
 * extension host, language servers, file watcher; chromium and its helpers)
 * and are safe to call twice. A process 'exit' hook kills anything still
 * running if a test forgets.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

// ------------------------------------------------------------------ setup

/** What scripts/e2e/setup.sh installed (its env.json). */
export interface E2eEnv {
    cache: string;
    /** Node 22 binary code-server (and so the extension host) runs on. */
    node: string;
    nodeDir: string;
    codeServerDir: string;
    codeServerVersion: string;
    chromium: string;
}

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Screenshots and saved logs go here (git-ignored). */
export const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'e2e');

export function e2eCacheDir(): string {
    return process.env.RPCSTATE_E2E_CACHE || join(homedir(), '.cache', 'rpcstate-e2e');
}

/** Why the e2e tests cannot run here (setup not done), or undefined. */
export function e2eSetupProblem(): string | undefined {
    const cache = e2eCacheDir();
    const envFile = join(cache, 'env.json');
    if (!existsSync(join(cache, '.complete')) || !existsSync(envFile)) {
        return `e2e setup not done: no ${join(cache, '.complete')} — run \`bash scripts/e2e/setup.sh\``;
    }
    const env = JSON.parse(readFileSync(envFile, 'utf8')) as E2eEnv;
    for (const f of [env.node, join(env.codeServerDir, 'out/node/entry.js'), env.chromium]) {
        if (!existsSync(f)) return `e2e setup incomplete: ${f} is missing — run \`RPCSTATE_E2E_FORCE=1 bash scripts/e2e/setup.sh\``;
    }
    return undefined;
}

export function loadE2eEnv(): E2eEnv {
    const problem = e2eSetupProblem();
    if (problem) throw new Error(problem);
    return JSON.parse(readFileSync(join(e2eCacheDir(), 'env.json'), 'utf8')) as E2eEnv;
}

// ------------------------------------------------------------------ processes

/**
 * Every process we start gets this variable (with a unique value); the
 * variable is inherited by all descendants, even those that re-parent to
 * init or start their own session, so /proc lets us find and kill them all.
 */
const MARKER_VAR = 'RPCSTATE_E2E_OWNER';
const liveMarkers = new Set<string>();

function pidsWithMarker(marker: string): number[] {
    const needle = Buffer.from(`${MARKER_VAR}=${marker}\0`);
    const pids: number[] = [];
    let entries: string[] = [];
    try {
        entries = readdirSync('/proc');
    } catch {
        return pids;
    }
    for (const e of entries) {
        if (!/^\d+$/.test(e)) continue;
        const pid = Number(e);
        if (pid === process.pid) continue;
        try {
            const environ = readFileSync(`/proc/${e}/environ`);
            if (environ.includes(needle)) {
                // skip zombies: they are dead already, just not reaped
                const st = readFileSync(`/proc/${e}/stat`, 'utf8');
                if (st.slice(st.lastIndexOf(')') + 2, st.lastIndexOf(')') + 3) !== 'Z') pids.push(pid);
            }
        } catch {
            // gone, or not ours to read
        }
    }
    return pids;
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
    for (const pid of pids) {
        try {
            process.kill(pid, signal);
        } catch {
            // already gone
        }
    }
}

const sleep = (ms: number) => new Promise<void>(r => setTimeout(r, ms));

/** SIGTERM every process carrying the marker, then SIGKILL what is left. */
async function killMarked(marker: string, graceMs = 3000): Promise<void> {
    let pids = pidsWithMarker(marker);
    if (pids.length) {
        signalAll(pids, 'SIGTERM');
        const deadline = Date.now() + graceMs;
        while (Date.now() < deadline && (pids = pidsWithMarker(marker)).length) await sleep(100);
        for (let i = 0; i < 20 && (pids = pidsWithMarker(marker)).length; i++) {
            signalAll(pids, 'SIGKILL');
            await sleep(100);
        }
    }
    if (pidsWithMarker(marker).length === 0) liveMarkers.delete(marker);
}

process.once('exit', () => {
    // last resort for tests that did not call stop()/close(): synchronous kill
    for (const m of liveMarkers) signalAll(pidsWithMarker(m), 'SIGKILL');
});

function newMarker(kind: string): string {
    const m = `${kind}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    liveMarkers.add(m);
    return m;
}

/** Names left out of the child environments (desktop VS Code/electron leaks). */
function cleanEnv(extra: Record<string, string>): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (v === undefined) continue;
        if (k.startsWith('VSCODE_') || k.startsWith('ELECTRON_') || k === 'NODE_OPTIONS') continue;
        if (k.startsWith('npm_') || k.startsWith('VITEST') || k === 'TEST' || k === 'NODE_ENV') continue;
        env[k] = v;
    }
    return { ...env, ...extra };
}

async function freePort(): Promise<number> {
    return new Promise((resolvePort, reject) => {
        const srv = createServer();
        srv.unref();
        srv.on('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const addr = srv.address();
            const port = typeof addr === 'object' && addr ? addr.port : 0;
            srv.close(() => resolvePort(port));
        });
    });
}

function tail(text: string, lines = 40): string {
    return text.split('\n').slice(-lines).join('\n');
}

/** Runs a command to completion with a timeout; kills its process tree on timeout. */
async function run(
    cmd: string,
    args: string[],
    opts: { env: Record<string, string>; cwd?: string; timeoutMs: number; what: string },
): Promise<{ code: number | null; output: string }> {
    const marker = newMarker('run');
    const child = spawn(cmd, args, {
        env: { ...opts.env, [MARKER_VAR]: marker },
        cwd: opts.cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', d => (output += d));
    child.stderr!.on('data', d => (output += d));
    try {
        return await new Promise((res, rej) => {
            const timer = setTimeout(
                () => rej(new Error(`${opts.what}: timed out after ${opts.timeoutMs} ms\n${tail(output)}`)),
                opts.timeoutMs,
            );
            child.on('error', e => {
                clearTimeout(timer);
                rej(new Error(`${opts.what}: cannot start ${cmd}: ${e.message}`));
            });
            child.on('close', code => {
                clearTimeout(timer);
                res({ code, output });
            });
        });
    } finally {
        await killMarked(marker, 500);
    }
}

// ------------------------------------------------------------------ code-server

export interface StartCodeServerOptions {
    /** Packaged extensions (zero or more), installed before code-server starts. */
    vsixPath: string | string[];
    /** The folder the workbench opens. */
    workspaceFolder: string;
    /** Merged over the defaults into User/settings.json. */
    settings?: Record<string, unknown>;
    /** Extra environment for code-server (and so the extension host). */
    env?: Record<string, string>;
    /** Names the saved logs folder (test-results/e2e/logs/<label>-<time>). Default 'code-server'. */
    label?: string;
    /** For /healthz (default 30 s) and each extension install (default 60 s). */
    timeoutMs?: number;
    /** Keep the scratch folder after stop() (also: RPCSTATE_E2E_KEEP=1). */
    keepScratch?: boolean;
}

export interface CodeServer {
    /** http://127.0.0.1:PORT/ — open with openWorkbench(url). */
    url: string;
    port: number;
    /** Scratch root: home/, tmp/, user-data/, extensions/ ... */
    scratchDir: string;
    userDataDir: string;
    extensionsDir: string;
    /**
     * VS Code's log folder, `<user-data>/logs`. Under its timestamped
     * sub-folder: remoteagent.log, exthost<N>/remoteexthost.log (extension
     * host), exthost<N>/<publisher.name>/ (an extension's context.logUri),
     * exthost<N>/output_logging_<time>/<n>-<Channel>.log (output channels).
     * See readLogs() / waitForLog().
     */
    logsDir: string;
    /** code-server's own stdout+stderr so far. */
    output(): string;
    /** ms from spawning code-server to /healthz answering. */
    startMs: number;
    /** Kills code-server and all its descendants; saves logs to test-results/e2e/logs/. Idempotent. */
    stop(): Promise<void>;
    /** Where stop() saved the logs (set after stop()). */
    savedLogsDir?: string;
}

export const DEFAULT_SETTINGS: Record<string, unknown> = {
    'workbench.startupEditor': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
};

export async function startCodeServer(opts: StartCodeServerOptions): Promise<CodeServer> {
    const env0 = loadE2eEnv();
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const vsixes = (Array.isArray(opts.vsixPath) ? opts.vsixPath : [opts.vsixPath]).map(p => resolve(p));
    for (const v of vsixes) if (!existsSync(v)) throw new Error(`startCodeServer: vsix not found: ${v}`);
    const folder = resolve(opts.workspaceFolder);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
        throw new Error(`startCodeServer: workspace folder not found: ${folder}`);
    }

    const scratch = await mkdtemp(join(tmpdir(), 'rpcstate-e2e-'));
    const dirs = {
        home: join(scratch, 'home'),
        tmp: join(scratch, 'tmp'),
        config: join(scratch, 'xdg-config'),
        data: join(scratch, 'xdg-data'),
        cache: join(scratch, 'xdg-cache'),
        userData: join(scratch, 'user-data'),
        extensions: join(scratch, 'extensions'),
    };
    for (const d of Object.values(dirs)) await mkdir(d, { recursive: true });
    await mkdir(join(dirs.userData, 'User'), { recursive: true });
    await writeFile(
        join(dirs.userData, 'User', 'settings.json'),
        JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, 2),
    );

    const env = cleanEnv({
        HOME: dirs.home,
        TMPDIR: dirs.tmp,
        XDG_CONFIG_HOME: dirs.config,
        XDG_DATA_HOME: dirs.data,
        XDG_CACHE_HOME: dirs.cache,
        XDG_RUNTIME_DIR: dirs.tmp,
        PATH: `${join(env0.nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
        npm_config_nodedir: env0.nodeDir,
        ...opts.env,
    });
    const entry = join(env0.codeServerDir, 'out/node/entry.js');
    const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
    const keep = opts.keepScratch || process.env.RPCSTATE_E2E_KEEP === '1';
    const label = (opts.label ?? 'code-server').replace(/[^\w.-]+/g, '_');

    let child: ChildProcess | undefined;
    let out = '';
    const marker = newMarker('code-server');
    let stopped = false;
    const server: CodeServer = {
        url: '',
        port: 0,
        scratchDir: scratch,
        userDataDir: dirs.userData,
        extensionsDir: dirs.extensions,
        logsDir: join(dirs.userData, 'logs'),
        output: () => out,
        startMs: 0,
        async stop() {
            if (stopped) return;
            stopped = true;
            await killMarked(marker);
            try {
                const dest = join(RESULTS_DIR, 'logs', `${label}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
                await mkdir(dest, { recursive: true });
                await writeFile(join(dest, 'code-server.out.log'), out);
                if (existsSync(server.logsDir)) await cp(server.logsDir, join(dest, 'logs'), { recursive: true });
                server.savedLogsDir = dest;
            } catch {
                // saving logs is a convenience
            }
            if (!keep) await rm(scratch, { recursive: true, force: true, maxRetries: 3 });
        },
    };

    try {
        for (const vsix of vsixes) {
            const r = await run(env0.node, [entry, ...common, '--install-extension', vsix], {
                env: { ...env, [MARKER_VAR]: marker },
                timeoutMs: opts.timeoutMs ?? 60_000,
                what: `installing ${basename(vsix)}`,
            });
            out += `$ code-server --install-extension ${vsix}\n${r.output}\n`;
            if (r.code !== 0 || !/successfully installed/i.test(r.output)) {
                throw new Error(`installing ${vsix} failed (exit ${r.code}):\n${tail(r.output)}`);
            }
        }

        const port = await freePort();
        const url = `http://127.0.0.1:${port}/`;
        const t0 = Date.now();
        child = spawn(
            env0.node,
            [
                entry,
                '--bind-addr', `127.0.0.1:${port}`,
                '--auth', 'none',
                '--disable-telemetry',
                '--disable-update-check',
                '--disable-workspace-trust',
                '--disable-getting-started-override',
                ...common,
                folder,
            ],
            { env: { ...env, [MARKER_VAR]: marker }, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        child.stdout!.on('data', d => (out += d));
        child.stderr!.on('data', d => (out += d));
        let exited: string | undefined;
        child.on('exit', (code, sig) => (exited = `code-server exited (code ${code}, signal ${sig})`));
        child.on('error', e => (exited = `code-server could not start: ${e.message}`));

        const deadline = t0 + timeoutMs;
        for (;;) {
            if (exited) throw new Error(`${exited} before /healthz answered:\n${tail(out)}`);
            if (Date.now() > deadline) throw new Error(`code-server /healthz did not answer within ${timeoutMs} ms:\n${tail(out)}`);
            try {
                const res = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(1000) });
                if (res.ok) break;
            } catch {
                // not listening yet
            }
            await sleep(100);
        }
        server.startMs = Date.now() - t0;
        server.url = url;
        server.port = port;
        return server;
    } catch (e) {
        await server.stop();
        throw e;
    }
}

// ------------------------------------------------------------------ logs

export interface LogFile {
    /** Path relative to logsDir. */
    path: string;
    text: string;
}

async function walk(dir: string): Promise<string[]> {
    const out: string[] = [];
    let entries;
    try {
        entries = await readdir(dir, { withFileTypes: true });
    } catch {
        return out;
    }
    for (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory()) out.push(...(await walk(p)));
        else if (e.isFile()) out.push(p);
    }
    return out;
}

/**
 * All log files under the server's logsDir (optionally only those whose
 * relative path matches `pathFilter`, e.g. /exthost\d+\/remoteexthost\.log$/
 * or /output_logging_.*rpcstate/i).
 */
export async function readLogs(server: Pick<CodeServer, 'logsDir'>, pathFilter?: RegExp): Promise<LogFile[]> {
    const files = (await walk(server.logsDir)).sort();
    const logs: LogFile[] = [];
    for (const f of files) {
        const path = relative(server.logsDir, f);
        if (pathFilter && !pathFilter.test(path)) continue;
        try {
            if ((await stat(f)).size > 20_000_000) continue;
            logs.push({ path, text: await readFile(f, 'utf8') });
        } catch {
            // rotated away
        }
    }
    return logs;
}

/**
 * Waits until a line of some log file (under logsDir, filtered by path)
 * matches `pattern`; returns the file, the line and the match. Extensions
 * that log to an OutputChannel or their context.logUri end up here, so
 * timing lines (e.g. "rpcstate: validated in 12 ms") can be read back.
 */
export async function waitForLog(
    server: Pick<CodeServer, 'logsDir'>,
    pattern: RegExp,
    opts: { pathFilter?: RegExp; timeoutMs?: number } = {},
): Promise<{ path: string; line: string; match: RegExpMatchArray }> {
    const timeoutMs = opts.timeoutMs ?? 20_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        for (const log of await readLogs(server, opts.pathFilter)) {
            for (const line of log.text.split('\n')) {
                const match = line.match(pattern);
                if (match) return { path: log.path, line, match };
            }
        }
        if (Date.now() > deadline) {
            const files = (await readLogs(server, opts.pathFilter)).map(l => `  ${l.path} (${l.text.length} chars)`);
            throw new Error(
                `waitForLog: no line matching ${pattern} within ${timeoutMs} ms` +
                    (opts.pathFilter ? ` in files matching ${opts.pathFilter}` : '') +
                    `; files:\n${files.join('\n') || '  (none)'}`,
            );
        }
        await sleep(200);
    }
}

// ------------------------------------------------------------------ browser

export interface Workbench {
    page: Page;
    context: BrowserContext;
    /** Browser console messages ("type: text"), oldest first. */
    console: string[];
    /** ms from launching chromium to the workbench being ready. */
    readyMs: number;
    /** Closes chromium, kills its helpers, removes its profile. Idempotent. */
    close(): Promise<void>;
}

export const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
];

export interface OpenWorkbenchOptions {
    /** Workbench ready within this (default 60 s). */
    timeoutMs?: number;
    /** Also wait for the explorer to list the folder's files (default true). */
    waitForExplorer?: boolean;
    viewport?: { width: number; height: number };
}

/**
 * Starts headless chromium on `url` (from startCodeServer) and waits until
 * the workbench is up: editor area and status bar shown, and (by default)
 * the explorer listing the workspace, which needs the remote connection.
 */
interface Browser {
    context: BrowserContext;
    page: Page;
    messages: string[];
    close(): Promise<void>;
}

/** Headless chromium on a scratch profile; close() kills it and its helpers. */
async function launchBrowser(timeoutMs: number, viewport?: { width: number; height: number }): Promise<Browser> {
    const env0 = loadE2eEnv();
    const profile = await mkdtemp(join(tmpdir(), 'rpcstate-e2e-chromium-'));
    const marker = newMarker('chromium');
    let context: BrowserContext | undefined;
    let closed = false;
    const close = async () => {
        if (closed) return;
        closed = true;
        try {
            await Promise.race([context?.close(), sleep(10_000)]);
        } catch {
            // killed below anyway
        }
        await killMarked(marker, 1000);
        await rm(profile, { recursive: true, force: true, maxRetries: 3 });
    };
    const messages: string[] = [];
    try {
        context = await chromium.launchPersistentContext(profile, {
            executablePath: env0.chromium,
            headless: true,
            args: CHROMIUM_ARGS,
            env: cleanEnv({ [MARKER_VAR]: marker, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile }),
            viewport: viewport ?? { width: 1280, height: 800 },
            timeout: timeoutMs,
        });
        const page = context.pages()[0] ?? (await context.newPage());
        page.on('console', m => messages.push(`${m.type()}: ${m.text()}`));
        page.on('pageerror', e => messages.push(`pageerror: ${e.message}`));
        page.setDefaultTimeout(15_000);
        return { context, page, messages, close };
    } catch (e) {
        await close();
        throw new Error(`cannot start chromium (${env0.chromium}): ${(e as Error).message}`);
    }
}

/**
 * Starts headless chromium on `url` (from startCodeServer) and waits until
 * the workbench is up: editor area and status bar shown, and (by default)
 * the explorer listing the workspace, which needs the remote connection.
 */
export async function openWorkbench(url: string, opts: OpenWorkbenchOptions = {}): Promise<Workbench> {
    const timeoutMs = opts.timeoutMs ?? 60_000;
    const t0 = Date.now();
    const browser = await launchBrowser(timeoutMs, opts.viewport);
    const { page, context, messages, close } = browser;
    try {
        await page.goto(url, { timeout: timeoutMs, waitUntil: 'domcontentloaded' });
        const left = () => Math.max(1000, timeoutMs - (Date.now() - t0));
        await waitVisible(page, '.monaco-workbench .part.editor', left(), 'workbench editor area');
        await waitVisible(page, '.monaco-workbench .part.statusbar', left(), 'workbench status bar');
        if (opts.waitForExplorer ?? true) {
            await waitVisible(page, '.explorer-folders-view .monaco-list-row', left(), 'explorer listing the workspace folder');
        }
        return { page, context, console: messages, readyMs: Date.now() - t0, close };
    } catch (e) {
        try {
            await screenshotOf(page, 'openWorkbench-failure');
        } catch {
            // best effort
        }
        await close();
        throw new Error(`openWorkbench(${url}) failed: ${(e as Error).message}\nbrowser console:\n${messages.slice(-20).join('\n')}`);
    }
}

// ------------------------------------------------------------------ extension-host tests

export interface RunExtensionTestsOptions {
    /** Folder of the extension under development (its package.json). */
    extensionDevelopmentPath: string;
    /**
     * Module the extension host loads and whose `run()` it awaits (the
     * mocha-style index of @vscode/test-electron): CommonJS or ESM; resolve
     * = pass, reject/throw = fail.
     */
    extensionTestsPath: string;
    workspaceFolder: string;
    /** Extra packaged extensions to install first (e.g. dependencies). */
    vsixPath?: string | string[];
    settings?: Record<string, unknown>;
    /** Environment of code-server and so of the extension host running the tests. */
    env?: Record<string, string>;
    label?: string;
    /** Whole run, from starting code-server to the tests' exit (default 120 s). */
    timeoutMs?: number;
}

export interface ExtensionTestsResult {
    /** 0 when run() resolved, 1 when it rejected (VS Code's convention). */
    exitCode: number;
    durationMs: number;
    /** Browser console lines (the extension host's console.* is forwarded there). */
    console: string[];
    /** Where the code-server/VS Code logs of the run were saved. */
    savedLogsDir?: string;
}

/**
 * Runs an extension-host test suite the way `@vscode/test-electron` does on
 * the desktop, but in code-server + headless chromium: VS Code's server
 * rejects --extensionTestsPath on its command line ("not supported for
 * server"), so the paths go to the web workbench in the URL's `payload`
 * (as @vscode/test-web does). The workbench loads the development extension
 * from the server, the remote (Node 22) extension host awaits `run()`, and
 * reports the exit code through `window.codeAutomationExit`, which we expose.
 */
export async function runExtensionTests(opts: RunExtensionTestsOptions): Promise<ExtensionTestsResult> {
    const timeoutMs = opts.timeoutMs ?? 120_000;
    const t0 = Date.now();
    const devPath = resolve(opts.extensionDevelopmentPath);
    const testsPath = resolve(opts.extensionTestsPath);
    if (!existsSync(join(devPath, 'package.json'))) throw new Error(`runExtensionTests: no package.json in ${devPath}`);
    if (!existsSync(testsPath) && !existsSync(`${testsPath}.js`)) throw new Error(`runExtensionTests: ${testsPath} not found`);
    const server = await startCodeServer({
        vsixPath: opts.vsixPath ?? [],
        workspaceFolder: opts.workspaceFolder,
        settings: opts.settings,
        env: opts.env,
        label: opts.label ?? 'extension-tests',
        timeoutMs: Math.min(timeoutMs, 60_000),
    });
    let browser: Browser | undefined;
    let result: ExtensionTestsResult | undefined;
    try {
        browser = await launchBrowser(timeoutMs);
        let report: (code: number) => void = () => undefined;
        const exited = new Promise<number>(r => (report = r));
        await browser.page.exposeFunction('codeAutomationExit', (code: unknown) => {
            report(typeof code === 'number' ? code : 1);
        });
        const authority = `127.0.0.1:${server.port}`;
        const payload = JSON.stringify([
            ['extensionDevelopmentPath', `vscode-remote://${authority}${devPath}`],
            ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
        ]);
        const url =
            `${server.url}?folder=${encodeURIComponent(resolve(opts.workspaceFolder))}` +
            `&payload=${encodeURIComponent(payload)}`;
        await browser.page.goto(url, { timeout: timeoutMs, waitUntil: 'domcontentloaded' });
        const left = Math.max(1000, timeoutMs - (Date.now() - t0));
        let timer: NodeJS.Timeout | undefined;
        const exitCode = await Promise.race([
            exited,
            new Promise<never>((_, rej) => {
                timer = setTimeout(
                    () => rej(new Error(`runExtensionTests: no result within ${timeoutMs} ms`)),
                    left,
                );
            }),
        ]).finally(() => clearTimeout(timer));
        result = { exitCode, durationMs: Date.now() - t0, console: browser.messages };
        return result;
    } catch (e) {
        const tailConsole = browser ? `\nbrowser console:\n${browser.messages.slice(-20).join('\n')}` : '';
        throw new Error(`${(e as Error).message}${tailConsole}\ncode-server output:\n${tail(server.output(), 20)}`);
    } finally {
        await browser?.close();
        await server.stop();
        if (result) result.savedLogsDir = server.savedLogsDir;
    }
}

async function waitVisible(page: Page, selector: string, timeoutMs: number, what: string): Promise<void> {
    try {
        await page.locator(selector).first().waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${selector})`);
    }
}

const QUICK_INPUT = '.quick-input-widget input';
const QUICK_ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Opens a workspace file by (base)name through Quick Open (Control+P); waits for its editor tab.
 * Quick Open searches once per query: a query typed before code-server's file search is ready
 * (a loaded machine, a workspace still being indexed) stays empty for good, so the query is typed
 * again, as a user would, until a row matches or the time is up.
 */
export async function openFile(page: Page, name: string, timeoutMs = 30_000): Promise<void> {
    await page.keyboard.press('Control+P');
    await waitVisible(page, QUICK_INPUT, timeoutMs, 'Quick Open input');
    const base = name.split('/').pop()!;
    const row = page.locator(QUICK_ROWS).filter({ hasText: new RegExp(escapeRegExp(base)) }).first();
    const deadline = Date.now() + timeoutMs;
    let found = false;
    while (!found && Date.now() < deadline) {
        await page.locator(QUICK_INPUT).fill('');
        await page.locator(QUICK_INPUT).fill(name);
        try {
            await row.waitFor({ state: 'visible', timeout: Math.max(1, Math.min(5_000, deadline - Date.now())) });
            found = true;
        } catch {
            // no match yet: type the query again
        }
    }
    if (!found) {
        await page.keyboard.press('Escape');
        throw new Error(`openFile: Quick Open found no file matching "${name}" within ${timeoutMs} ms`);
    }
    await page.keyboard.press('Enter');
    const tab = page.locator('.tabs-container .tab.active', { hasText: base }).first();
    try {
        await tab.waitFor({ state: 'visible', timeout: timeoutMs });
        await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
        throw new Error(`openFile: no active editor tab for "${base}" within ${timeoutMs} ms`);
    }
}

/** Runs a command by its palette title (e.g. "View: Toggle Problems") via Control+Shift+P. */
export async function runCommand(page: Page, title: string, timeoutMs = 15_000): Promise<void> {
    await page.keyboard.press('Control+Shift+P');
    await waitVisible(page, QUICK_INPUT, timeoutMs, 'command palette input');
    await page.locator(QUICK_INPUT).fill(`>${title}`);
    const exact = page
        .locator(QUICK_ROWS)
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) })
        .first();
    try {
        await exact.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
        const seen = await page.locator(`${QUICK_ROWS} .label-name`).allTextContents().catch(() => []);
        await page.keyboard.press('Escape');
        throw new Error(
            `runCommand: no command titled "${title}" within ${timeoutMs} ms; palette showed: ${JSON.stringify(seen.slice(0, 10))}`,
        );
    }
    await exact.click();
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: timeoutMs }).catch(() => undefined);
}

/**
 * Shows the Problems panel (if hidden) and returns one string per row:
 * "<visible text> | <aria-label>". File rows name the file ("sample.demo .
 * 1"); marker rows hold the message, source and code as shown
 * ('demo: "bad" is not allowed demo(demo-code) [Ln 2, Col 9]') and the
 * aria-label's severity and position ("Error: ... at line 2 and character 9.
 * generated by demo"). Only rows the tree has rendered are returned.
 */
export async function problemsRows(page: Page, timeoutMs = 15_000): Promise<string[]> {
    const panel = page.locator('.markers-panel').first();
    if (!(await panel.isVisible())) {
        await page.keyboard.press('Control+Shift+M');
        await waitVisible(page, '.markers-panel', timeoutMs, 'Problems panel');
    }
    const rows = page.locator('.markers-panel .monaco-list-row');
    const n = await rows.count();
    const texts: string[] = [];
    for (let i = 0; i < n; i++) {
        const r = rows.nth(i);
        const label = ((await r.getAttribute('aria-label')) ?? '').trim();
        const text = ((await r.innerText().catch(() => '')) ?? '').replace(/\s+/g, ' ').trim();
        texts.push([text, label].filter(Boolean).join(' | '));
    }
    return texts;
}

/** Polls problemsRows() until `predicate` holds; returns the rows. */
export async function waitForProblems(
    page: Page,
    predicate: (rows: string[]) => boolean,
    timeoutMs = 20_000,
): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let rows: string[] = [];
    for (;;) {
        rows = await problemsRows(page, Math.max(1000, deadline - Date.now()));
        if (predicate(rows)) return rows;
        if (Date.now() > deadline) {
            throw new Error(`waitForProblems: condition not met within ${timeoutMs} ms; rows: ${JSON.stringify(rows)}`);
        }
        await sleep(200);
    }
}

/** Waits for an error squiggle (or `selector`) in the active editor. */
export async function waitForSquiggle(page: Page, selector = '.squiggly-error', timeoutMs = 20_000): Promise<void> {
    await waitVisible(page, `.editor-instance .monaco-editor ${selector}`, timeoutMs, `squiggle ${selector} in the editor`);
}

async function screenshotOf(page: Page | undefined, name: string): Promise<string | undefined> {
    if (!page) return undefined;
    await mkdir(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
    await page.screenshot({ path: file, timeout: 10_000 });
    return file;
}

/** Saves a PNG of the page to test-results/e2e/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
    return (await screenshotOf(page, name))!;
}

/** Runs `fn` with a started code-server and workbench; always cleans up both. */
export async function withWorkbench<T>(
    opts: StartCodeServerOptions & { workbench?: OpenWorkbenchOptions },
    fn: (ctx: { server: CodeServer; wb: Workbench; page: Page }) => Promise<T>,
): Promise<T> {
    const server = await startCodeServer(opts);
    let wb: Workbench | undefined;
    try {
        wb = await openWorkbench(server.url, opts.workbench);
        return await fn({ server, wb, page: wb.page });
    } finally {
        await wb?.close();
        await server.stop();
    }
}

/** Synchronous check used by test files for describe.skipIf(...). */
export function e2eUnavailable(): boolean {
    return e2eSetupProblem() !== undefined;
}

/**
 * Processes started by this harness in this test process that are still
 * alive (code-server, extension hosts, language servers, chromium ...).
 * After stop()/close() this should be empty.
 */
export function ownedProcesses(): { pid: number; cmd: string }[] {
    const needle = Buffer.from(`${MARKER_VAR}=`);
    const mine = `-${process.pid}-`;
    const found: { pid: number; cmd: string }[] = [];
    for (const e of readdirSync('/proc')) {
        if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
        try {
            const environ = readFileSync(`/proc/${e}/environ`);
            const i = environ.indexOf(needle);
            if (i < 0) continue;
            const value = environ.subarray(i + needle.length, environ.indexOf(0, i)).toString();
            if (!value.includes(mine)) continue;
            const st = readFileSync(`/proc/${e}/stat`, 'utf8');
            if (st.slice(st.lastIndexOf(')') + 2, st.lastIndexOf(')') + 3) === 'Z') continue;
            const cmd = readFileSync(`/proc/${e}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
            found.push({ pid: Number(e), cmd });
        } catch {
            // gone
        }
    }
    return found;
}

export function chromiumVersion(): string {
    const r = spawnSync(loadE2eEnv().chromium, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    return (r.stdout ?? '').trim();
}
