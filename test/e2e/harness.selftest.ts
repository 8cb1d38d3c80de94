/**
 * Self-test of the e2e harness (test/e2e/code-server.ts), independent of the
 * rpcstate extension: it writes a tiny throwaway extension (language `demo`
 * for `.demo` files, a diagnostic with code `demo-code` on every "bad", a
 * command "Demo: Say Hello", timing lines in an output channel), packages it
 * with @vscode/vsce, and checks that code-server + headless Chromium show the
 * squiggle, the Problems row, run the command and let us read the log lines.
 *
 *   bash scripts/e2e/setup.sh
 *   npx vitest run --config test/e2e/vitest.e2e.config.ts test/e2e/harness.selftest.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    e2eSetupProblem,
    openFile,
    openWorkbench,
    ownedProcesses,
    readLogs,
    runCommand,
    runExtensionTests,
    screenshot,
    startCodeServer,
    waitForLog,
    waitForProblems,
    waitForSquiggle,
    type CodeServer,
    type Workbench,
} from './code-server.js';

const problem = e2eSetupProblem();
if (problem) console.warn(`[harness.selftest] skipped: ${problem}`);

const DEMO_PACKAGE = {
    name: 'demo-lang',
    displayName: 'Demo language (e2e harness self-test)',
    publisher: 'e2e',
    version: '0.0.1',
    license: 'MIT',
    repository: { type: 'git', url: 'https://example.invalid/demo.git' },
    engines: { vscode: '^1.90.0' },
    main: './extension.js',
    activationEvents: [],
    contributes: {
        // VS Code 1.117 only adds the implicit onLanguage:demo activation
        // when the language has a configuration file.
        languages: [
            { id: 'demo', extensions: ['.demo'], aliases: ['Demo'], configuration: './language-configuration.json' },
        ],
        commands: [{ command: 'demo.hello', title: 'Demo: Say Hello' }],
    },
};

const DEMO_EXTENSION_JS = `
const vscode = require('vscode');
exports.activate = function activate(context) {
  const t0 = Date.now();
  const out = vscode.window.createOutputChannel('Demo');
  const coll = vscode.languages.createDiagnosticCollection('demo');
  context.subscriptions.push(out, coll);
  const check = (doc) => {
    if (doc.languageId !== 'demo') return;
    const s = Date.now();
    const diags = [];
    for (let i = 0; i < doc.lineCount; i++) {
      const j = doc.lineAt(i).text.indexOf('bad');
      if (j < 0) continue;
      const d = new vscode.Diagnostic(new vscode.Range(i, j, i, j + 3), 'demo: "bad" is not allowed', vscode.DiagnosticSeverity.Error);
      d.code = 'demo-code';
      d.source = 'demo';
      diags.push(d);
    }
    coll.set(doc.uri, diags);
    out.appendLine('demo-timing: checked ' + doc.uri.path.split('/').pop() + ' in ' + (Date.now() - s) + ' ms (' + diags.length + ' diagnostics)');
  };
  vscode.workspace.textDocuments.forEach(check);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument(e => check(e.document)),
    vscode.commands.registerCommand('demo.hello', () => {
      out.appendLine('demo-hello: command ran');
      vscode.window.showInformationMessage('Hello from demo');
    }),
  );
  out.appendLine('demo-timing: activated in ' + (Date.now() - t0) + ' ms on node ' + process.version);
};
`;

async function buildDemoVsix(dir: string): Promise<string> {
    const ext = join(dir, 'ext');
    await mkdir(ext, { recursive: true });
    await writeFile(join(ext, 'package.json'), JSON.stringify(DEMO_PACKAGE, null, 2));
    await writeFile(join(ext, 'language-configuration.json'), '{ "comments": { "lineComment": "#" } }\n');
    await writeFile(join(ext, 'extension.js'), DEMO_EXTENSION_JS);
    await writeFile(join(ext, 'README.md'), '# demo\n');
    await writeFile(join(ext, 'LICENSE'), 'MIT\n');
    const require = createRequire(import.meta.url);
    const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
    const vsix = join(dir, 'demo-lang.vsix');
    execFileSync(process.execPath, [vsce, 'package', '--allow-missing-repository', '--skip-license', '-o', vsix], {
        cwd: ext,
        stdio: 'pipe',
        timeout: 60_000,
    });
    return vsix;
}

describe.skipIf(problem !== undefined)('e2e harness (code-server + headless chromium)', () => {
    let dir: string;
    let vsix: string;
    let workspace: string;

    beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), 'rpcstate-e2e-selftest-'));
        vsix = await buildDemoVsix(dir);
        workspace = join(dir, 'ws');
        await mkdir(workspace);
        await writeFile(join(workspace, 'sample.demo'), 'good line\nthis is bad here\n');
        await writeFile(join(workspace, 'other.txt'), 'not a demo file\n');
    });

    afterAll(async () => {
        if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('shows a packaged extension\'s diagnostics, runs its command, exposes its logs, cleans up', async () => {
        const t0 = Date.now();
        let server: CodeServer | undefined;
        let wb: Workbench | undefined;
        const timings: Record<string, number> = {};
        try {
            server = await startCodeServer({ vsixPath: vsix, workspaceFolder: workspace, label: 'harness-selftest' });
            timings.installAndHealthz = Date.now() - t0;
            timings.healthz = server.startMs;
            wb = await openWorkbench(server.url);
            timings.workbenchReady = wb.readyMs;
            // code-server spawn -> /healthz, then chromium launch -> workbench ready
            timings.codeServerStartToWorkbenchReady = server.startMs + wb.readyMs;
            const page = wb.page;

            const t1 = Date.now();
            await openFile(page, 'sample.demo');
            await waitForSquiggle(page);
            timings.openToSquiggle = Date.now() - t1;
            const rows = await waitForProblems(page, r => r.some(x => x.includes('demo-code')));
            console.log(`[harness.selftest] problems rows: ${JSON.stringify(rows)}`);
            expect(rows.join("\n")).toContain('"bad" is not allowed');
            timings.openToProblemsRow = Date.now() - t1;

            await runCommand(page, 'Demo: Say Hello');
            await page.locator('.notification-toast', { hasText: 'Hello from demo' }).first().waitFor({ timeout: 15_000 });
            await page.waitForTimeout(500); // let the toast finish fading in
            await screenshot(page, 'harness-selftest');

            const activated = await waitForLog(server, /demo-timing: activated in (\d+) ms on node (v\d+)/, {
                pathFilter: /output_logging_.*Demo/,
            });
            expect(activated.match[2]).toBe('v22');
            const checked = await waitForLog(server, /demo-timing: checked sample\.demo in (\d+) ms \(1 diagnostics\)/);
            expect(checked.path).toMatch(/exthost\d+\/output_logging_/);
            await waitForLog(server, /demo-hello: command ran/);
            const exthost = await readLogs(server, /exthost\d+\/remoteexthost\.log$/);
            expect(exthost.length).toBeGreaterThan(0);
            timings.total = Date.now() - t0;
            console.log(`[harness.selftest] timings (ms): ${JSON.stringify(timings)}`);
            console.log(`[harness.selftest] log files: ${(await readLogs(server)).map(l => l.path).join(', ')}`);
        } finally {
            await wb?.close();
            await server?.stop();
        }
        const left = ownedProcesses();
        expect(left, `leftover processes: ${JSON.stringify(left)}`).toEqual([]);
    });
});

describe.skipIf(problem !== undefined)('extension-host test suites through code-server', () => {
    let dir: string;
    beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), 'rpcstate-e2e-exttests-'));
        await mkdir(join(dir, 'ext', 'test'), { recursive: true });
        await mkdir(join(dir, 'ws'));
        await writeFile(join(dir, 'ws', 'a.txt'), 'hello\n');
        await writeFile(
            join(dir, 'ext', 'package.json'),
            JSON.stringify({ name: 'ext-under-test', publisher: 'e2e', version: '0.0.1', engines: { vscode: '^1.90.0' } }),
        );
        // mocha-style index: the extension host require()s it and awaits run()
        await writeFile(
            join(dir, 'ext', 'test', 'index.js'),
            `const fs = require('fs');
exports.run = async function run() {
  const vscode = require('vscode');
  const folders = (vscode.workspace.workspaceFolders || []).map(f => f.uri.fsPath);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(folders[0] + '/a.txt'));
  fs.writeFileSync(process.env.EXT_TEST_OUT, JSON.stringify({ node: process.version, vscode: vscode.version, folders, text: doc.getText() }));
  if (process.env.EXT_TEST_FAIL) throw new Error('deliberate failure');
};
`,
        );
    });
    afterAll(async () => {
        if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('runs run() in the Node 22 extension host and reports pass (0) and fail (1)', async () => {
        const out = join(dir, 'ran.json');
        const common = {
            extensionDevelopmentPath: join(dir, 'ext'),
            extensionTestsPath: join(dir, 'ext', 'test', 'index.js'),
            workspaceFolder: join(dir, 'ws'),
        };
        const pass = await runExtensionTests({ ...common, env: { EXT_TEST_OUT: out }, label: 'exttests-pass' });
        expect(pass.exitCode).toBe(0);
        const ran = JSON.parse(await readFile(out, 'utf8'));
        expect(ran.node).toMatch(/^v22\./);
        expect(ran.text).toBe('hello\n');
        console.log(`[harness.selftest] extension tests: pass in ${pass.durationMs} ms, ${JSON.stringify(ran)}`);

        const fail = await runExtensionTests({ ...common, env: { EXT_TEST_OUT: out, EXT_TEST_FAIL: '1' }, label: 'exttests-fail' });
        expect(fail.exitCode).toBe(1);
        expect(fail.console.join('\n')).toContain('deliberate failure');
        console.log(`[harness.selftest] extension tests: fail reported in ${fail.durationMs} ms`);
        expect(ownedProcesses()).toEqual([]);
    });
});
