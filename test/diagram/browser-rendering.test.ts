import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { instance as vizInstance } from '@viz-js/viz';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagramWebviewHtml } from '../../client/diagram/webview-html.js';
import { writeDot } from '../../language/diagram/dot-writer.js';
import { writeMermaid } from '../../language/diagram/mermaid-writer.js';
import { renderDiagramSvg } from '../../language/diagram/svg-renderer.js';
import { HAS_CHROMIUM, launchHeadless, type HeadlessBrowser } from '../support/headless-chromium.js';
import { REPO_ROOT } from '../support/paths.js';
import { writeInterleavingSequence } from '../../language/diagram/sequence-writer.js';
import { ladderProtocol } from '../support/ladder-protocol.js';
import { compositionOfText, HOSTILE_SPEC, laidOut, PAYLOADS } from './diagram-fixtures.js';

/**
 * The pictures in a real browser: the exported SVG, the webview page (with a
 * stub of VS Code's webview API), Mermaid's and Graphviz's renderings of our
 * text. The spec's descriptions hold markup that would set window.__pwned;
 * it must show as text and never run.
 */
const ORIGIN = 'https://diagram.test';
const WEBVIEW_SCRIPT = join(REPO_ROOT, 'out', 'diagram-webview.js');
const MERMAID_BUNDLE = join(REPO_ROOT, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');
const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'diagram');

/** Stand-ins for the `--vscode-*` variables VS Code puts on the webview's <html>. */
const THEMES = {
    light: { bodyClass: 'vscode-light', vars: { 'editor-background': '#ffffff', 'editor-foreground': '#1f1f1f', 'descriptionForeground': '#616161', 'textLink-foreground': '#005fb8', 'editorWidget-background': '#f8f8f8', 'editorWidget-border': '#c8c8c8', 'editorError-foreground': '#e51400', 'editorWarning-foreground': '#bf8803', 'focusBorder': '#005fb8', 'editor-font-family': 'monospace', 'sideBar-background': '#f8f8f8', 'panel-border': '#e5e5e5' } },
    dark: { bodyClass: 'vscode-dark', vars: { 'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc', 'descriptionForeground': '#9d9d9d', 'textLink-foreground': '#4daafc', 'editorWidget-background': '#202020', 'editorWidget-border': '#454545', 'editorError-foreground': '#f85149', 'editorWarning-foreground': '#cca700', 'focusBorder': '#0078d4', 'editor-font-family': 'monospace', 'sideBar-background': '#181818', 'panel-border': '#2b2b2b' } },
} as const;

describe.skipIf(!HAS_CHROMIUM)('diagrams in headless Chromium', () => {
    let browser: HeadlessBrowser;
    let svg: string;
    let embeddedSvg: string;

    beforeAll(async () => {
        if (!existsSync(WEBVIEW_SCRIPT)) {
            await build({ entryPoints: [join(REPO_ROOT, 'client/diagram/webview/diagram-webview.ts')], outfile: WEBVIEW_SCRIPT, bundle: true, platform: 'browser', format: 'iife', logLevel: 'warning' });
        }
        const { diagram, layout } = await laidOut(HOSTILE_SPEC);
        svg = renderDiagramSvg(diagram, layout);
        embeddedSvg = renderDiagramSvg(diagram, layout, { standalone: false });
        browser = await launchHeadless();
        const files: Record<string, { body: string | Buffer; type: string }> = {
            '/diagram.svg': { body: svg, type: 'image/svg+xml' },
            // Served as UTF-8: mermaid's bundle holds non-ASCII characters it matches against.
            '/out/diagram-webview.js': { body: readFileSync(WEBVIEW_SCRIPT), type: 'text/javascript; charset=utf-8' },
            '/mermaid.min.js': { body: readFileSync(MERMAID_BUNDLE), type: 'text/javascript; charset=utf-8' },
        };
        // Nothing leaves the machine: our origin is served from memory, everything else is refused.
        await browser.context.route('**/*', async route => {
            const url = new URL(route.request().url());
            const file = url.origin === ORIGIN ? files[url.pathname] : undefined;
            if (file) await route.fulfill({ status: 200, contentType: file.type, body: file.body });
            else if (url.origin === ORIGIN && pages.has(url.pathname)) await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: pages.get(url.pathname)! });
            else await route.abort();
        });
    });

    afterAll(async () => {
        await browser?.close();
    });

    const pages = new Map<string, string>();
    async function open(path: string, html: string): Promise<void> {
        pages.set(path, html);
        await browser.page.goto(`${ORIGIN}${path}`);
    }

    async function expectNothingRan(): Promise<void> {
        // Give onerror handlers of broken images a chance to fire.
        await browser.page.waitForTimeout(300);
        expect(await browser.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
        expect(browser.dialogs).toEqual([]);
    }

    it('the exported SVG, opened as a document: no script runs, the text shows literally', async () => {
        await browser.page.goto(`${ORIGIN}/diagram.svg`);
        await expectNothingRan();
        const descriptions = await browser.page.locator('.rs-state-description').allTextContents();
        expect(descriptions).toContain(PAYLOADS.script);
        expect(descriptions.join(' ')).toContain(PAYLOADS.img);
        expect(await browser.page.locator('svg > title').textContent()).toContain(PAYLOADS.closeSvg);
    });

    it('the exported SVG, pasted inline into an HTML page without any CSP: still nothing runs', async () => {
        await open('/inline.html', `<!DOCTYPE html><html><body>${svg.replace(/^<\?xml[^>]*>/, '')}<p id="after">after</p></body></html>`);
        await expectNothingRan();
        expect(await browser.page.locator('#after').count()).toBe(1);
        expect(await browser.page.locator('svg').count()).toBe(1);
        expect(await browser.page.locator('.rs-state-description').allTextContents()).toContain(PAYLOADS.script);
    });

    it('the webview page: draws, keeps pan and zoom across updates, selects both ways, runs nothing', async () => {
        const posted: unknown[] = [];
        await browser.page.exposeFunction('__record', (message: unknown) => { posted.push(message); });
        await browser.page.addInitScript(() => {
            let state: unknown;
            (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
                postMessage: (message: unknown) => (window as unknown as { __record: (m: unknown) => void }).__record(message),
                getState: () => state,
                setState: (value: unknown) => { state = value; },
            });
        });
        const html = diagramWebviewHtml({ cspSource: ORIGIN, nonce: 'dGVzdC1ub25jZQ', scriptUri: `${ORIGIN}/out/diagram-webview.js`, title: PAYLOADS.closeSvg });
        await open('/webview.html', html);
        await browser.page.evaluate(() => document.addEventListener('securitypolicyviolation', e => console.error(`CSP ${e.violatedDirective} ${e.sourceFile}:${e.lineNumber} ${e.sample}`)));
        await setTheme('light');
        await expect.poll(() => posted).toContainEqual({ type: 'ready' });

        const send = (message: unknown) => browser.page.evaluate(m => window.postMessage(m, '*'), message);
        await send({ type: 'update', svg: embeddedSvg, summary: PAYLOADS.img });
        await browser.page.locator('.rs-state').first().waitFor();
        await expectNothingRan();
        expect(await browser.page.locator('#status').textContent()).toBe(PAYLOADS.img);
        expect(await browser.page.locator('.rs-state-description').allTextContents()).toContain(PAYLOADS.script);
        expect(await browser.page.title()).toBe(PAYLOADS.closeSvg);

        // Zoom with the wheel, then an edit arrives: the view stays where the user put it.
        await browser.page.mouse.move(300, 300);
        await browser.page.mouse.wheel(0, -300);
        const zoomed = await browser.page.locator('.rs-viewport').getAttribute('transform');
        await send({ type: 'update', svg: embeddedSvg.replace('Make', 'Make'), summary: 'again' });
        await expect.poll(() => browser.page.locator('#status').textContent()).toBe('again');
        expect(await browser.page.locator('.rs-viewport').getAttribute('transform')).toBe(zoomed);

        // The cursor in the text highlights an element; a click on one selects it in the text.
        await send({ type: 'highlight', id: 'client:Caller/W' });
        expect(await browser.page.locator('.rs-selected').getAttribute('data-id')).toBe('client:Caller/W');
        await browser.page.locator('.rs-state[data-id="client:Caller/P"]').click();
        await expect.poll(() => posted).toContainEqual({ type: 'select', id: 'client:Caller/P' });
        await browser.page.locator('#export').click();
        await expect.poll(() => posted).toContainEqual({ type: 'exportSvg' });

        // Nothing the page did so far broke its CSP. (Next, Chromium's parser-error document for the broken
        // answer carries a style attribute, which the CSP blocks; Playwright's screenshots inject a style too.)
        expect(browser.errors).toEqual([]);

        // A broken answer leaves the last picture in place and says so.
        await send({ type: 'update', svg: '<svg><unclosed>', summary: '' });
        await expect.poll(() => browser.page.locator('#status').textContent()).toMatch(/not valid SVG/);
        expect(await browser.page.locator('.rs-state').count()).toBeGreaterThan(0);

        await send({ type: 'highlight', id: undefined });
        await browser.page.locator('#fit').click();
        mkdirSync(SCREENSHOTS, { recursive: true });
        await browser.page.screenshot({ path: join(SCREENSHOTS, 'webview-light.png') });
        await setTheme('dark');
        await browser.page.screenshot({ path: join(SCREENSHOTS, 'webview-dark.png') });
        // The theme reaches the drawing through the variables: a state box takes the editor widget colour.
        expect(await browser.page.locator('.rs-state-box').first().evaluate(e => getComputedStyle(e).fill)).toBe('rgb(32, 32, 32)');
        await expectNothingRan();
    });

    it('the Mermaid text: Mermaid parses it and draws the markup as text', async () => {
        const mermaidText = writeMermaid((await laidOut(HOSTILE_SPEC)).diagram);
        await open('/mermaid.html', `<!DOCTYPE html><html><body><div id="out"></div><script src="${ORIGIN}/mermaid.min.js"></script></body></html>`);
        const result = await browser.page.evaluate(async text => {
            const mermaid = (window as unknown as { mermaid: { initialize(c: object): void; parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
            mermaid.initialize({ startOnLoad: false });
            // Render first: in mermaid 12 a parse() before render() leaves its entity placeholders in the drawing.
            const { svg: drawn } = await mermaid.render('mermaid-diagram', text);
            const parsed = await mermaid.parse(text);
            document.getElementById('out')!.innerHTML = drawn;
            return { parsed: parsed !== false, text: document.getElementById('out')!.textContent ?? '' };
        }, mermaidText);
        expect(result.parsed).toBe(true);
        await expectNothingRan();
        expect(result.text).toContain(PAYLOADS.script);
        // The description is wrapped onto two lines at its space.
        expect(result.text).toContain('<img src=x');
        expect(result.text).toContain('onerror="window.__pwned=2">');
        expect(result.text).toContain('Caller');
    });

    it('the interleaving as a sequenceDiagram: Mermaid parses and draws it, entity codes shown as the characters', async () => {
        const report = compositionOfText(ladderProtocol(2, 'waits-for-cancel'))!;
        const sequence = writeInterleavingSequence(report.deadlocks[1], 'Ladder');
        await open('/sequence.html', `<!DOCTYPE html><html><body><div id="out"></div><script src="${ORIGIN}/mermaid.min.js"></script></body></html>`);
        const result = await browser.page.evaluate(async text => {
            const mermaid = (window as unknown as { mermaid: { initialize(c: object): void; parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
            mermaid.initialize({ startOnLoad: false });
            const { svg: drawn } = await mermaid.render('sequence-diagram', text);
            const parsed = await mermaid.parse(text);
            document.getElementById('out')!.innerHTML = drawn;
            return { parsed: parsed !== false, text: document.getElementById('out')!.textContent ?? '' };
        }, sequence);
        expect(result.parsed).toBe(true);
        expect(result.text).toContain('client Climber');
        expect(result.text).toContain('server Rungs');
        expect(result.text).toContain('1. C: call Step, then on success -> P0');
        expect(result.text).toContain('waits forever in Hold');
    });

    it('the DOT text: Graphviz (viz.js) lays it out and the markup stays text', async () => {
        const dot = writeDot((await laidOut(HOSTILE_SPEC)).diagram);
        const viz = await vizInstance();
        const drawn = viz.renderString(dot, { format: 'svg' });
        await open('/dot.html', `<!DOCTYPE html><html><body>${drawn.replace(/^[\s\S]*?(<svg)/, '$1')}</body></html>`);
        await expectNothingRan();
        const text = await browser.page.locator('svg').textContent();
        expect(text).toContain(PAYLOADS.script);
        expect(text).toContain('onerror="window.__pwned=2">');
        expect(text).toContain(PAYLOADS.closeSvg);
    });

    async function setTheme(name: keyof typeof THEMES): Promise<void> {
        await browser.page.evaluate(theme => {
            document.body.className = theme.bodyClass;
            for (const [key, value] of Object.entries(theme.vars)) document.documentElement.style.setProperty(`--vscode-${key}`, value);
        }, THEMES[name]);
    }
});
