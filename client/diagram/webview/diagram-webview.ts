/// <reference lib="dom" />
/**
 * The diagram webview's script (bundled by esbuild to out/diagram-webview.js).
 * It only shows what the extension sends and reports clicks: the SVG comes
 * ready-made from the language server. It keeps pan and zoom across updates
 * (and across hiding the panel, through the webview state).
 */
import type { FromWebview, ToWebview } from '../webview-messages.js';

interface VsCodeApi {
    postMessage(message: FromWebview): void;
    getState(): unknown;
    setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface View {
    x: number;
    y: number;
    scale: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const MIN_SCALE = 0.05;
const MAX_SCALE = 8;
/** A press that moves less than this is a click, not a pan. */
const CLICK_SLOP = 4;

const vscode = acquireVsCodeApi();
const canvas = document.getElementById('canvas')!;
const status = document.getElementById('status')!;
let view: View | undefined = restoredView();
let viewport: SVGGElement | undefined;
let diagramSize = { width: 0, height: 0 };
let highlighted: string | undefined;

window.addEventListener('message', event => {
    const message = event.data as ToWebview;
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
        case 'update':
            if (typeof message.svg === 'string') show(message.svg, String(message.summary ?? ''));
            break;
        case 'highlight':
            highlight(typeof message.id === 'string' ? message.id : undefined);
            break;
        case 'error':
            setStatus(String(message.message ?? ''), true);
            break;
    }
});

document.getElementById('fit')!.addEventListener('click', () => fit());
document.getElementById('zoom-in')!.addEventListener('click', () => zoomAt(1.25, canvas.clientWidth / 2, canvas.clientHeight / 2));
document.getElementById('zoom-out')!.addEventListener('click', () => zoomAt(0.8, canvas.clientWidth / 2, canvas.clientHeight / 2));
document.getElementById('export')!.addEventListener('click', () => vscode.postMessage({ type: 'exportSvg' }));

/**
 * Replaces the picture. The SVG is parsed as XML into a separate document
 * (scripts in such a document never run, and the renderer writes none) and
 * only then adopted, so the text of a spec can never become markup here.
 */
function show(svgText: string, summary: string): void {
    const parsed = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const source = parsed.documentElement;
    if (source.nodeName !== 'svg' || parsed.getElementsByTagName('parsererror').length > 0) {
        setStatus('The server sent a diagram that is not valid SVG; the previous one stays.', true);
        return;
    }
    diagramSize = { width: Number(source.getAttribute('width')) || 0, height: Number(source.getAttribute('height')) || 0 };
    const svg = document.importNode(source, true) as unknown as SVGSVGElement;
    // The page fills the view; pan and zoom move one group inside it.
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.removeAttribute('viewBox');
    const group = document.createElementNS(SVG_NS, 'g');
    group.setAttribute('class', 'rs-viewport');
    while (svg.firstChild) group.appendChild(svg.firstChild);
    // <title> and <defs> stay direct children of the svg element.
    for (const child of Array.from(group.children)) {
        if (child.localName === 'title' || child.localName === 'defs') svg.appendChild(child);
    }
    svg.appendChild(group);
    canvas.replaceChildren(svg);
    viewport = group;
    if (view) applyView();
    else fit();
    if (highlighted) highlight(highlighted);
    setStatus(summary, false);
}

function highlight(id: string | undefined): void {
    highlighted = id;
    for (const element of Array.from(canvas.querySelectorAll('.rs-selected'))) element.classList.remove('rs-selected');
    if (!id) return;
    // Compared as strings, never built into a selector: ids come from the spec's names.
    for (const element of Array.from(canvas.querySelectorAll('[data-id]'))) {
        if (element.getAttribute('data-id') === id && (element.classList.contains('rs-state') || element.classList.contains('rs-edge') || element.classList.contains('rs-machine'))) {
            element.classList.add('rs-selected');
        }
    }
}

function setStatus(text: string, isError: boolean): void {
    status.textContent = text;
    status.classList.toggle('error', isError);
}

function fit(): void {
    const { width, height } = diagramSize;
    const availableWidth = Math.max(1, canvas.clientWidth);
    const availableHeight = Math.max(1, canvas.clientHeight);
    const scale = clamp(Math.min(1, availableWidth / Math.max(1, width), availableHeight / Math.max(1, height)));
    view = { scale, x: (availableWidth - width * scale) / 2, y: Math.max(0, (availableHeight - height * scale) / 2) };
    applyView();
}

function zoomAt(factor: number, px: number, py: number): void {
    if (!view) return;
    const scale = clamp(view.scale * factor);
    // Keep the point under the cursor where it is.
    view = { scale, x: px - (px - view.x) * (scale / view.scale), y: py - (py - view.y) * (scale / view.scale) };
    applyView();
}

function applyView(): void {
    if (!view || !viewport) return;
    viewport.setAttribute('transform', `translate(${view.x} ${view.y}) scale(${view.scale})`);
    vscode.setState({ view });
}

function clamp(scale: number): number {
    return Math.min(MAX_SCALE, Math.max(MIN_SCALE, Number.isFinite(scale) ? scale : 1));
}

function restoredView(): View | undefined {
    const saved = (vscode.getState() as { view?: Partial<View> } | undefined)?.view;
    if (!saved || ![saved.x, saved.y, saved.scale].every(v => typeof v === 'number' && Number.isFinite(v))) return undefined;
    return { x: saved.x!, y: saved.y!, scale: clamp(saved.scale!) };
}

canvas.addEventListener('wheel', event => {
    event.preventDefault();
    const box = canvas.getBoundingClientRect();
    zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top);
}, { passive: false });

let press: { x: number; y: number; viewX: number; viewY: number; moved: boolean; pointer: number } | undefined;

canvas.addEventListener('pointerdown', event => {
    if (event.button !== 0 || !view) return;
    press = { x: event.clientX, y: event.clientY, viewX: view.x, viewY: view.y, moved: false, pointer: event.pointerId };
});

canvas.addEventListener('pointermove', event => {
    if (!press || !view || event.pointerId !== press.pointer) return;
    const dx = event.clientX - press.x;
    const dy = event.clientY - press.y;
    if (!press.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
    if (!press.moved) {
        press.moved = true;
        canvas.setPointerCapture(event.pointerId);
        canvas.classList.add('panning');
    }
    view = { ...view, x: press.viewX + dx, y: press.viewY + dy };
    applyView();
});

canvas.addEventListener('pointerup', event => {
    const released = press;
    press = undefined;
    canvas.classList.remove('panning');
    if (!released || released.moved) return;
    const target = (event.target as Element | null)?.closest?.('[data-id]');
    const id = target?.getAttribute('data-id');
    if (id) {
        highlight(id);
        vscode.postMessage({ type: 'select', id });
    }
});

vscode.postMessage({ type: 'ready' });
