/**
 * The packaged extension (rpcstate-<version>.vsix, from `npm run package`)
 * in a real VS Code (code-server) driven like a user would, in headless
 * Chromium: Check Workspace before anything is opened, the documented tables
 * without problems, a broken file with squiggles and Problems rows carrying
 * the contract's codes, a hover, a quick fix, a completion after `->`, a
 * restart, the diagram, and a client × server deadlock stepped through from its lens. The timing lines of the "rpcstate" output channel are printed.
 *
 *   npm run test:e2e      (setup + package + this)
 *
 * The tests of this file share one code-server and run in order: each
 * starts where the previous one left the workbench.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import {
    e2eSetupProblem,
    openFile,
    openWorkbench,
    ownedProcesses,
    problemsRows,
    readLogs,
    REPO_ROOT,
    runCommand,
    screenshot,
    startCodeServer,
    waitForLog,
    waitForProblems,
    waitForSquiggle,
    type CodeServer,
    type Workbench,
} from './code-server.js';

const problem = e2eSetupProblem();
if (problem) console.warn(`[extension.e2e] skipped: ${problem}`);

const { version } = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const VSIX = process.env.RPCSTATE_VSIX ?? join(REPO_ROOT, `rpcstate-${version}.vsix`);
const SHARED_EXAMPLES = join(REPO_ROOT, '..', 'shared', 'examples');
const HAS_SHARED = existsSync(join(SHARED_EXAMPLES, 'async-call.rpcstate'));
const DOCUMENTED = HAS_SHARED ? join(SHARED_EXAMPLES, 'async-call.rpcstate') : join(REPO_ROOT, 'examples', 'documented-tables.rpcstate');
const BROKEN = join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'broken.rpcstate');
const CANCEL_WAIT = join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'cancel-wait.rpcstate');
/** Never opened in the workbench: only Check Workspace can put these into Problems. */
const UNOPENED = HAS_SHARED ? join(SHARED_EXAMPLES, 'lint') : join(REPO_ROOT, 'test', 'cases');
/** The "rpcstate" output channel is a log channel: VS Code writes it to the extension's log folder. */
const OUTPUT_LOG = /rpcstate\.rpcstate\/rpcstate\.log$/;

const sleep = (ms: number) => new Promise<void>(r => setTimeout(r, ms));

/** Rows of the Problems panel that are markers (not file rows) of `file`, as "<row text> | <aria-label>". */
function markersOf(rows: string[], code: string): string[] {
    return rows.filter(r => r.includes(`(${code})`) || r.includes(` ${code} `) || r.includes(` ${code}[`));
}

/** All text of the active editor, line by line as rendered (small files: all lines are rendered). */
async function editorText(page: Page): Promise<string> {
    const lines = page.locator('.editor-instance .monaco-editor .view-lines .view-line');
    const tops = await lines.evaluateAll(els =>
        els.map(el => ({ top: parseFloat((el as HTMLElement).style.top) || 0, text: (el as HTMLElement).innerText })),
    );
    return tops
        .sort((a, b) => a.top - b.top)
        .map(l => l.text.replace(/\u00a0/g, ' '))
        .join('\n');
}

/** Selects the first match of `text` in the active editor via the find widget, then closes the widget. */
async function selectInEditor(page: Page, text: string): Promise<void> {
    // Focus the editor first (the Problems panel may hold the focus, and its own filter answers Control+F).
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+F');
    const input = page.locator('.editor-instance .find-widget textarea, .editor-instance .find-widget input').first();
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(text);
    await page.locator('.editor-instance .find-widget .matchesCount', { hasText: /1 of 1/ }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.locator('.editor-instance .find-widget.visible').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    // back to the text, keeping the match selected
    await page.keyboard.press('Control+1');
}

/** Moves the focus of an open list widget (suggestions, quick fixes) down to the row whose aria-label matches, then accepts it. */
async function acceptRow(page: Page, rows: string, label: RegExp): Promise<void> {
    const seen: string[] = [];
    for (let i = 0; i < 30; i++) {
        const focused = (await page.locator(`${rows}.focused`).first().getAttribute('aria-label', { timeout: 2_000 }).catch(() => null)) ?? '';
        if (label.test(focused)) {
            await page.keyboard.press('Enter');
            return;
        }
        seen.push(focused);
        await page.keyboard.press('ArrowDown');
    }
    throw new Error(`no row matching ${label}; focused in turn: ${JSON.stringify(seen)}`);
}

describe.skipIf(problem !== undefined)('the rpcstate extension in code-server', () => {
    let dir: string;
    let server: CodeServer;
    let wb: Workbench;
    let page: Page;
    let unopened: string[];

    beforeAll(async () => {
        if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first (npm run test:e2e does)`);
        dir = await mkdtemp(join(tmpdir(), 'rpcstate-e2e-ext-'));
        const ws = join(dir, 'ws');
        await mkdir(join(ws, 'lint'), { recursive: true });
        await copyFile(DOCUMENTED, join(ws, 'async-call.rpcstate'));
        await copyFile(BROKEN, join(ws, 'broken.rpcstate'));
        await copyFile(CANCEL_WAIT, join(ws, 'cancel-wait.rpcstate'));
        unopened = (await readdir(UNOPENED)).filter(f => f.endsWith('.rpcstate')).sort();
        for (const f of unopened) await copyFile(join(UNOPENED, f), join(ws, 'lint', f));
        server = await startCodeServer({ vsixPath: VSIX, workspaceFolder: ws, label: 'extension-e2e' });
        wb = await openWorkbench(server.url, { viewport: { width: 1440, height: 1000 } });
        page = wb.page;
    });

    beforeEach(ctx => {
        onTestFailed(async () => {
            if (page) await screenshot(page, `extension-failed-${ctx.task.name.slice(0, 40)}`).catch(() => undefined);
        });
    });

    afterAll(async () => {
        await wb?.close();
        await server?.stop();
        if (dir) await rm(dir, { recursive: true, force: true });
        expect(ownedProcesses()).toEqual([]);
    });

    it('Check Workspace puts problems of never-opened files into Problems (and activates the extension)', async () => {
        // The palette lists an extension's commands once the remote extension
        // host has reported its extensions, which can come after the workbench
        // looks ready: ask again for a while.
        for (let attempt = 1; ; attempt++) {
            try {
                await runCommand(page, 'rpcstate: Check Workspace', 5_000);
                break;
            } catch (e) {
                if (attempt >= 6) throw e;
                await sleep(1000);
            }
        }
        const checked = await waitForLog(server, /check workspace: (\d+) files, (\d+) errors, (\d+) warnings in (\d+) ms/, {
            pathFilter: OUTPUT_LOG,
            timeoutMs: 30_000,
        });
        // async-call + broken + cancel-wait + every unopened file
        expect(Number(checked.match[1])).toBe(unopened.length + 3);
        expect(Number(checked.match[2])).toBeGreaterThan(0);
        await page.locator('.notification-toast', { hasText: /rpcstate: checked \d+ files/ }).first().waitFor({ timeout: 15_000 });
        // File rows of the Problems tree name files nobody opened.
        // (A file's rows with their related paths can fill the panel, so at least one such file is in view.)
        const rows = await waitForProblems(page, r => unopened.some(f => r.some(row => row.startsWith(f))), 20_000);
        const files = unopened.filter(f => rows.some(row => row.startsWith(f)));
        console.log(`[extension.e2e] Check Workspace: ${checked.line.trim()}; unopened files in Problems: ${files.join(', ')}`);
        expect(rows.some(r => /\(|rpcstate/.test(r) && /[a-z]+-[a-z]+/.test(r))).toBe(true);
        await screenshot(page, 'extension-check-workspace');
    });

    it('the documented tables open without problems', async () => {
        await openFile(page, 'async-call.rpcstate');
        const first = await waitForLog(server, /first diagnostics for async-call\.rpcstate: (\d+) ms after open \((\d+) diagnostics?\)/, {
            pathFilter: OUTPUT_LOG,
        });
        expect(Number(first.match[2])).toBe(0);
        await sleep(300);
        expect(await page.locator('.editor-instance .monaco-editor .squiggly-error, .editor-instance .monaco-editor .squiggly-warning').count()).toBe(0);
        const rows = await problemsRows(page);
        expect(rows.filter(r => r.startsWith('async-call.rpcstate'))).toEqual([]);
    });

    it('a broken file shows squiggles and Problems rows with the contract\'s codes', async () => {
        await openFile(page, 'broken.rpcstate');
        await waitForSquiggle(page, '.squiggly-error');
        await waitForSquiggle(page, '.squiggly-warning');
        const rows = await waitForProblems(page, r => markersOf(r, 'unknown-state').length > 0 && markersOf(r, 'unhandled-outcome').length > 0);
        const unknown = markersOf(rows, 'unknown-state')[0];
        expect(unknown).toMatch(/Finish/);
        expect(unknown).toMatch(/Error/);
        expect(markersOf(rows, 'unhandled-outcome')[0]).toMatch(/Warning/);
        await waitForLog(server, /first diagnostics for broken\.rpcstate: (\d+) ms after open \(2 diagnostics\)/, { pathFilter: OUTPUT_LOG });
        await screenshot(page, 'extension-broken-file');
    });

    it('hovering a catalog function shows its documentation', async () => {
        await page.keyboard.press('Control+1');
        await page.keyboard.press('Escape'); // no find widget in the way
        const token = page.locator('.editor-instance .view-line span span', { hasText: /^RpcAsyncCompleteCall$/ }).first();
        await token.hover();
        const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-resizable-hover .hover-contents').first();
        await hover.waitFor({ state: 'visible', timeout: 15_000 });
        await page.waitForFunction(
            () => /RpcAsyncCompleteCall/.test(document.querySelector('.monaco-hover-content, .hover-contents')?.textContent ?? ''),
            undefined,
            { timeout: 10_000 },
        );
        const text = (await hover.innerText()).replace(/\s+/g, ' ');
        console.log(`[extension.e2e] hover: ${text.slice(0, 300)}`);
        expect(text).toContain('RpcAsyncCompleteCall');
        expect(text).toMatch(/learn\.microsoft\.com|client|server/);
        await sleep(400); // let the hover finish fading in for the picture
        await screenshot(page, 'extension-hover');
        await page.keyboard.press('Escape');
    });

    it('a quick fix adds the missing `on exception` transition and the warning goes away', async () => {
        await selectInEditor(page, 'call CreateWidget');
        await page.keyboard.press('Control+.');
        const item = page.locator('.action-widget .monaco-list-row', { hasText: /on exception -> End/ }).first();
        try {
            await item.waitFor({ state: 'visible', timeout: 15_000 });
        } catch {
            const offered = await page.locator('.action-widget .monaco-list-row').allInnerTexts().catch(() => []);
            throw new Error(`no quick fix "on exception -> End" offered; the action widget showed ${JSON.stringify(offered)}`);
        }
        await screenshot(page, 'extension-quick-fix-menu');
        // The menu's pointer shield swallows clicks: choose with the keyboard.
        await acceptRow(page, '.action-widget .monaco-list-row', /on exception -> End/);
        await page.waitForFunction(
            () => [...document.querySelectorAll('.editor-instance .view-line')].some(l => /on exception\s*->\s*End/.test((l as HTMLElement).innerText.replace(/\u00a0/g, ' '))),
            undefined,
            { timeout: 10_000 },
        );
        const fixed = await editorText(page);
        expect(fixed).toMatch(/^\s*on exception -> End\s*$/m);
        // inside state C: between its `call` and the next state
        expect(fixed.slice(fixed.indexOf('call CreateWidget'), fixed.indexOf('state WComp'))).toContain('on exception -> End');
        await waitForProblems(page, r => markersOf(r, 'unhandled-outcome').length === 0 && markersOf(r, 'unknown-state').length > 0);
    });

    it('completion after `->` offers the states of the machine, and picking one fixes the target', async () => {
        await selectInEditor(page, 'Finish');
        await page.keyboard.press('Delete');
        await page.keyboard.press('Control+Space');
        const list = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
        await list.first().waitFor({ state: 'visible', timeout: 15_000 });
        const labels = (await list.allInnerTexts()).map(t => t.replace(/\s+/g, ' ').trim());
        console.log(`[extension.e2e] completion after '->': ${JSON.stringify(labels)}`);
        for (const state of ['WComp', 'End']) expect(labels.some(l => l.startsWith(state) || l.includes(` ${state}`) || l === state)).toBe(true);
        await screenshot(page, 'extension-completion');
        await acceptRow(page, '.editor-widget.suggest-widget.visible .monaco-list-row', /^End\b/);
        await page.waitForFunction(
            () => [...document.querySelectorAll('.editor-instance .view-line')].some(l => /^\s*->\s*End\s*$/.test((l as HTMLElement).innerText.replace(/\u00a0/g, ' '))),
            undefined,
            { timeout: 10_000 },
        );
        await waitForProblems(page, r => r.every(row => !row.startsWith('broken.rpcstate')) && markersOf(r, 'unknown-state').length === 0);
        await page.keyboard.press('Control+S');
    });

    it('Restart Language Server brings a fresh server that checks edits again', async () => {
        await runCommand(page, 'rpcstate: Restart Language Server');
        await waitForLog(server, /restart → server ready: (\d+) ms/, { pathFilter: OUTPUT_LOG, timeoutMs: 30_000 });
        // broken.rpcstate is fixed and saved now; a stray word at its end is a syntax error for the fresh server
        await page.keyboard.press('Control+1');
        await page.keyboard.press('Control+End');
        await page.keyboard.type('\nstray');
        await waitForSquiggle(page, '.squiggly-error');
        await waitForProblems(page, r => markersOf(r, 'syntax').length > 0);
        for (let i = 0; i < 5 && /stray/.test(await editorText(page)); i++) await page.keyboard.press('Control+Z');
        expect(await editorText(page)).not.toMatch(/stray/);
        await waitForProblems(page, r => markersOf(r, 'syntax').length === 0 && r.every(row => !row.startsWith('broken.rpcstate')));
    });

    it('prints the timing lines of the output channel', async () => {
        const log = (await readLogs(server, OUTPUT_LOG)).map(l => l.text).join('\n');
        const activation = /activate → server ready: (\d+) ms/.exec(log);
        expect(activation, `no activation line in the rpcstate output:\n${log}`).not.toBeNull();
        const firsts = [...log.matchAll(/first diagnostics for (\S+): (\d+) ms (after open|after activate)/g)];
        expect(firsts.length).toBeGreaterThanOrEqual(2);
        const restart = /restart → server ready: (\d+) ms/.exec(log);
        console.log(
            `[extension.e2e] timings: activate → server ready ${activation![1]} ms; ` +
                firsts.map(m => `first diagnostics ${m[1]} ${m[2]} ms ${m[3]}`).join('; ') +
                (restart ? `; restart → server ready ${restart[1]} ms` : ''),
        );
        const exthost = (await readLogs(server, /exthost\d+\/remoteexthost\.log$/)).map(l => l.text).join('\n');
        const activated = /ExtensionService#_doActivateExtension rpcstate\.rpcstate.*/.exec(exthost);
        if (activated) console.log(`[extension.e2e] ${activated[0].trim()}`);
    });
    it('Show Diagram opens the live diagram beside the text, and clicking a state selects it in the editor', async () => {
        // broken.rpcstate, fixed by the tests above, is the active editor: focus it by key (a click on
        // its tab leaves a hover that can swallow the next key press), then ask for the diagram.
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+1');
        for (let attempt = 1; ; attempt++) {
            try {
                await runCommand(page, 'rpcstate: Show Diagram');
                break;
            } catch (error) {
                if (attempt >= 3) throw error;
                await page.keyboard.press('Escape');
                await page.keyboard.press('Control+1');
            }
        }
        // A webview is an iframe holding the page's own iframe.
        const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        const wcomp = view.locator('.rs-state[data-id="client:Caller/WComp"]').first();
        await wcomp.waitFor({ state: 'visible', timeout: 30_000 });
        expect(await view.locator('.rs-state').count()).toBe(4);
        await screenshot(page, 'extension-diagram');
        await wcomp.click();
        // The selection moves to `WComp` in `state WComp "Wait for completion" {` (line 12) and the editor takes the focus.
        const selection = page.locator('.statusbar-item[id="status.editor.selection"]');
        await expect.poll(async () => (await selection.innerText().catch(() => '')).replace(/\s+/g, ' '), { timeout: 15_000 })
            .toMatch(/Ln 12, Col \d+ \(5 selected\)/);
        await screenshot(page, 'extension-diagram-selected');
    });

    it('a client × server deadlock: the second publish adds protocol-deadlock, the lens steps through it in both machines', async () => {
        await page.keyboard.press('Escape');
        await openFile(page, 'cancel-wait.rpcstate');
        await waitForProblems(page, r => markersOf(r, 'protocol-deadlock').length === 2);
        const lens = page.locator('.editor-instance .contentWidgets .codelens-decoration a', { hasText: 'Step through a deadlock' }).first();
        await lens.waitFor({ state: 'visible', timeout: 30_000 });
        expect(await page.locator('.editor-instance .codelens-decoration', { hasText: /client Caller × server Worker: 2 deadlocks, \d+ joint points explored/ }).count()).toBeGreaterThan(0);
        await lens.click();
        // Two deadlocks: choose the first, then the steps list opens.
        const rows = page.locator('.quick-input-widget .monaco-list-row');
        await rows.filter({ hasText: 'client Caller waits forever in WComp' }).first().waitFor({ state: 'visible', timeout: 15_000 });
        await page.keyboard.press('Enter');
        await rows.filter({ hasText: '2. server Worker' }).first().waitFor({ state: 'visible', timeout: 15_000 });
        await page.keyboard.press('ArrowDown');
        // Step 2 selects `on slow -> Hold` in the server and, as a second selection, WComp in the client.
        const selection = page.locator('.statusbar-item[id="status.editor.selection"]');
        await expect.poll(async () => (await selection.innerText().catch(() => '')).replace(/\s+/g, ' '), { timeout: 15_000 })
            .toMatch(/2 selections/);
        await screenshot(page, 'extension-deadlock-stepper');
        await page.keyboard.press('Enter');
    });
});
