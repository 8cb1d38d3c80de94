import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { Box } from '../../language/diagram/elk-layout.js';
import { escapeXml, renderDiagramSvg } from '../../language/diagram/svg-renderer.js';
import { writeDot } from '../../language/diagram/dot-writer.js';
import { writeMermaid } from '../../language/diagram/mermaid-writer.js';
import { HAS_SHARED, OWN_CASES, OWN_EXAMPLES, SHARED_EXAMPLES } from '../support/paths.js';
import { rpcstateFilesUnder } from '../support/rpcstate-files.js';
import { runCliInProcess } from '../support/run-cli.js';
import { diagramOfText, HOSTILE_SPEC, laidOut, PAYLOADS } from './diagram-fixtures.js';

const { window } = new JSDOM('');

function parseXml(text: string): Document {
    const document = new window.DOMParser().parseFromString(text, 'image/svg+xml');
    const error = document.getElementsByTagName('parsererror')[0];
    if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
    return document;
}

function overlaps(a: Box, b: Box): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const specs = [
    ...rpcstateFilesUnder(OWN_EXAMPLES),
    ...rpcstateFilesUnder(OWN_CASES),
    ...(HAS_SHARED ? rpcstateFilesUnder(SHARED_EXAMPLES) : []),
];

describe('SVG export', () => {
    it.each(specs.map(path => [path.replace(/^.*\/(test|examples)\//, '$1/'), path]))('%s: well-formed, every element drawn, no two boxes overlap', async (_, path) => {
        const { diagram, layout } = await laidOut(readFileSync(path, 'utf8'));
        const svg = parseXml(renderDiagramSvg(diagram, layout));
        const drawn = new Set([...svg.querySelectorAll('[data-id]')].map(e => e.getAttribute('data-id')));
        for (const machine of diagram.machines) {
            expect(drawn).toContain(machine.id);
            for (const state of machine.states) expect(svg.querySelector(`.rs-state[data-id="${state.id}"]`), state.id).not.toBeNull();
            for (const transition of machine.transitions) expect(svg.querySelector(`.rs-edge[data-id="${transition.id}"] path.rs-edge-line`), transition.id).not.toBeNull();
        }
        // Boxes of one machine never overlap, nor do machines, nor edge labels and states.
        const boxes = [...layout.nodes, ...layout.edges.flatMap(e => (e.label ? [{ ...e.label, id: `${e.id} label` }] : []))];
        for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j]), `${boxes[i].id} overlaps ${boxes[j].id}`).toBe(false);
        }
        for (let i = 1; i < layout.machines.length; i++) expect(overlaps(layout.machines[i - 1], layout.machines[i])).toBe(false);
        for (const node of layout.nodes) {
            const machine = layout.machines.find(m => node.x >= m.x && node.x + node.width <= m.x + m.width);
            expect(machine, `${node.id} inside a machine box`).toBeDefined();
        }
    });

    it('draws the client and the server side by side, client first', async () => {
        const { layout } = await laidOut(readFileSync(join(OWN_EXAMPLES, 'documented-tables.rpcstate'), 'utf8'));
        expect(layout.machines.map(m => m.id.split(':')[0])).toEqual(['client', 'server']);
        expect(layout.machines[1].x).toBeGreaterThan(layout.machines[0].x + layout.machines[0].width);
        expect(layout.machines[0].y).toBe(layout.machines[1].y);
    });

    it('marks initial states, end states, unreachable states and elements with findings', async () => {
        const { diagram, layout } = await laidOut(HOSTILE_SPEC);
        const svg = parseXml(renderDiagramSvg(diagram, layout));
        expect(svg.querySelectorAll('.rs-initial circle.rs-initial-dot')).toHaveLength(1);
        expect(svg.querySelectorAll('.rs-end circle')).toHaveLength(2);
        const stray = svg.querySelector('.rs-state[data-id="client:Caller/Stray"]')!;
        expect([...stray.classList]).toEqual(expect.arrayContaining(['rs-unreachable', 'rs-has-warning']));
        expect(stray.querySelector('title')!.textContent).toContain('unreachable-state');
        const { layout: errorLayout, diagram: errorDiagram } = await laidOut('protocol P\nclient C {\n  initial state A { invoke RpcAsyncCompleteCall -> End }\n  end state End\n}');
        const errorSvg = parseXml(renderDiagramSvg(errorDiagram, errorLayout));
        const a = errorSvg.querySelector('.rs-state[data-id="client:C/A"]')!;
        expect(a.classList.contains('rs-has-error')).toBe(true);
        expect(a.querySelector('title')!.textContent).toMatch(/error no-outstanding-call: /);
    });

    it('writes descriptions as text: markup in them stays characters', async () => {
        const { diagram, layout } = await laidOut(HOSTILE_SPEC);
        const text = renderDiagramSvg(diagram, layout);
        expect(text).not.toMatch(/<script|<img|<\/svg>[^\n]/i);
        const svg = parseXml(text);
        const tooltip = (id: string) => svg.querySelector(`.rs-state[data-id="${id}"] > title`)!.textContent!;
        expect(tooltip('client:Caller/C')).toContain(PAYLOADS.script);
        expect(tooltip('client:Caller/W')).toContain(PAYLOADS.img);
        expect(tooltip('client:Caller/P')).toContain(PAYLOADS.entities);
        expect(svg.querySelector('svg > title')!.textContent).toContain(PAYLOADS.closeSvg);
        expect(svg.querySelector('.rs-state[data-id="client:Caller/C"] .rs-state-description')!.textContent).toBe(PAYLOADS.script);
        // A NUL (written \0 in the spec) cannot be in XML: the box shows one line of text, the tooltip U+FFFD.
        expect(svg.querySelector('.rs-state[data-id="client:Caller/Stray"] .rs-state-description')!.textContent).toBe('line one line two nul');
        expect(tooltip('client:Caller/Stray')).toContain('line one\nline two\ufffd nul');
        expect(svg.getElementsByTagName('script')).toHaveLength(0);
        expect(svg.getElementsByTagName('img')).toHaveLength(0);
    });

    it('escapes the five markup characters and drops what XML forbids', () => {
        expect(escapeXml(`<a href="x">'&'</a>\u0000\ud800`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\ufffd\ufffd');
        expect(escapeXml('😀 é')).toBe('😀 é');
    });

    it('is the same picture every time (deterministic layout)', async () => {
        const text = readFileSync(join(OWN_EXAMPLES, 'documented-tables.rpcstate'), 'utf8');
        const first = await laidOut(text);
        const second = await laidOut(text);
        expect(renderDiagramSvg(second.diagram, second.layout)).toBe(renderDiagramSvg(first.diagram, first.layout));
    });

    it('standalone SVG carries the light stylesheet; the webview form carries none', async () => {
        const { diagram, layout } = await laidOut(HOSTILE_SPEC);
        expect(renderDiagramSvg(diagram, layout)).toMatch(/<style>[\s\S]*--rs-error: #cf222e/);
        const embedded = renderDiagramSvg(diagram, layout, { standalone: false });
        expect(embedded).not.toContain('<style');
        expect(embedded).not.toContain('<?xml');
        expect(embedded).not.toMatch(/\sstyle=/);
    });
});

describe('DOT and Mermaid text', () => {
    it('DOT: every string is quoted and escaped; one line per statement', async () => {
        const dot = writeDot(await diagramOfText(HOSTILE_SPEC));
        for (const line of dot.split('\n').filter(l => l.includes('->') || l.includes('['))) {
            // Outside quoted strings, nothing of a payload survives.
            const outside = line.replace(/"(?:[^"\\]|\\.)*"/g, '""');
            expect(outside, line).not.toMatch(/script|onerror|<|>(?!\s*")/);
        }
        expect(dot).toContain('label="W\\n<img src=x\\nonerror=\\"window.__pwned=2\\">\\nawait RpcCallComplete"');
    });

    it('Mermaid: free text is written as entity codes, ids are generated', async () => {
        const mermaid = writeMermaid(await diagramOfText(HOSTILE_SPEC));
        expect(mermaid).not.toMatch(/<script|<img|"window/);
        expect(mermaid).toContain('s0 : #60;script#62;window.__pwned#61;1#60;/script#62;');
        expect(mermaid.split('\n')[0]).toBe('stateDiagram-v2');
    });
});

describe('rpcstate diagram', () => {
    const specFile = (() => {
        const dir = mkdtempSync(join(tmpdir(), 'rpcstate-diagram-'));
        writeFileSync(join(dir, 'hostile.rpcstate'), HOSTILE_SPEC);
        writeFileSync(join(dir, 'clean.rpcstate'), readFileSync(join(OWN_EXAMPLES, 'documented-tables.rpcstate')));
        writeFileSync(join(dir, 'broken.rpcstate'), 'protocol P\nclient C {\n  initial state A { call on success -> }\n');
        return (name: string) => join(dir, name);
    })();

    it('prints an SVG by default, exit 0 on a clean spec', async () => {
        const result = await runCliInProcess(['diagram', specFile('clean.rpcstate')]);
        expect(result.status).toBe(0);
        expect(result.stderr).toBe('');
        parseXml(result.stdout);
        expect(result.stdout).toContain('<svg');
    });

    it.each(['dot', 'mermaid'])('--format %s', async format => {
        const result = await runCliInProcess(['diagram', specFile('clean.rpcstate'), '--format', format]);
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(format === 'dot' ? /^digraph / : /^stateDiagram-v2\n/);
    });

    it('exit 1 and one stderr line when the spec has errors; the diagram is still written', async () => {
        const result = await runCliInProcess(['diagram', specFile('broken.rpcstate')]);
        expect(result.status).toBe(1);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(/error.*drawn in the diagram/);
        expect(parseXml(result.stdout).querySelector('.rs-banner')!.textContent).toMatch(/syntax error.*what parsed/);
    });

    it('--out writes the file atomically (no temporary file left) and prints nothing', async () => {
        const out = specFile('out.svg');
        const result = await runCliInProcess(['diagram', specFile('hostile.rpcstate'), '--out', out]);
        expect(result.stdout).toBe('');
        expect(result.status).toBe(0);
        parseXml(readFileSync(out, 'utf8'));
        expect(readdirSync(join(out, '..')).filter(name => name.endsWith('.tmp'))).toEqual([]);
    });

    it.each([
        [['diagram', '/no/such/file.rpcstate'], /no such file/],
        [['diagram', 'IN', '--out', '/no/such/folder/x.svg'], /its folder does not exist/],
        [['diagram', 'IN', '--out', 'IN'], /is the input file/],
        [['diagram', 'IN', '--format', 'png'], /invalid|choices/i],
    ])('exit 2 with one line on bad input: %j', async (args, message) => {
        const resolved = args.map(a => (a === 'IN' ? specFile('clean.rpcstate') : a));
        const result = await runCliInProcess(resolved);
        expect(result.status).toBe(2);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(message);
        expect(result.stdout).toBe('');
        expect(readFileSync(specFile('clean.rpcstate'), 'utf8')).toContain('protocol');
    });
});
