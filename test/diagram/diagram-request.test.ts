import { JSDOM } from 'jsdom';
import { ResponseError } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { diagramOf, MAX_STATES_IN_SERVER } from '../../server/features/diagram-request.js';
import { syntheticProtocol } from '../../scripts/bench/synthetic-protocol.js';
import { openDocument, lsp } from '../support/lsp-in-process.js';
import { ladderProtocol } from '../support/ladder-protocol.js';
import { HOSTILE_SPEC } from './diagram-fixtures.js';

/** The language server's `rpcstate/diagram` request, answered in process. */
describe('rpcstate/diagram request', () => {
    it('answers with the diagram model and an SVG without stylesheet, for the webview', async () => {
        const document = await openDocument(HOSTILE_SPEC);
        const result = await diagramOf(lsp.shared, { uri: document.uri.toString() });
        expect(result.uri).toBe(document.uri.toString());
        expect(result.diagram.machines.map(m => m.id)).toEqual(['client:Caller']);
        expect(result.svg).not.toContain('<style');
        expect(result.width).toBeGreaterThan(0);
        const svg = new new JSDOM('').window.DOMParser().parseFromString(result.svg, 'image/svg+xml');
        expect(svg.getElementsByTagName('parsererror')).toHaveLength(0);
        expect(svg.querySelectorAll('.rs-state')).toHaveLength(result.diagram.machines[0].states.length);
        // The diagram's findings are the document's diagnostics, element by element.
        const stray = result.diagram.machines[0].states.find(s => s.name === 'Stray')!;
        expect(stray.findings.map(f => f.code)).toEqual(['unreachable-state']);
        expect((document.diagnostics ?? []).map(d => d.code)).toContain('unreachable-state');
    });

    it('a standalone SVG for Export carries the light stylesheet', async () => {
        const document = await openDocument(HOSTILE_SPEC);
        const result = await diagramOf(lsp.shared, { uri: document.uri.toString(), standalone: true });
        expect(result.svg).toMatch(/^<\?xml[\s\S]*<style>/);
    });

    it('reports syntax errors in the model and still draws', async () => {
        const document = await openDocument('protocol P\nclient C {\n  initial state A { call on success -> }\n  end state End\n}\n');
        const result = await diagramOf(lsp.shared, { uri: document.uri.toString() });
        expect(result.diagram.syntaxErrors.length).toBeGreaterThan(0);
        expect(result.svg).toContain('rs-banner');
    });

    it('draws the first client × server deadlock on the machines, or the one asked for, or none', async () => {
        const document = await openDocument(ladderProtocol(1, 'waits-for-cancel'));
        const uri = document.uri.toString();
        const first = await diagramOf(lsp.shared, { uri });
        expect(first.diagram.interleaving?.summary).toMatch(/^Client Climber can wait forever in WComp/);
        expect(first.svg).toContain('rs-step');
        const second = await diagramOf(lsp.shared, { uri, interleaving: 1 });
        expect(second.diagram.interleaving?.summary).toMatch(/^Server Rungs can wait forever in Hold/);
        const none = await diagramOf(lsp.shared, { uri, interleaving: null });
        expect(none.diagram.interleaving).toBeUndefined();
        expect(none.svg).not.toContain('rs-step');
    });

    it('refuses a document too large to lay out in the server, and says what to do instead', async () => {
        const document = await openDocument(syntheticProtocol(Math.ceil(MAX_STATES_IN_SERVER / 2) + 4));
        await expect(diagramOf(lsp.shared, { uri: document.uri.toString() })).rejects.toThrow(/too many to lay out.*rpcstate diagram FILE/);
    });

    it.each([
        [{}, /needs/],
        [{ uri: 42 }, /needs/],
        [{ uri: 'file:///x/readme.md' }, /not an \.rpcstate file/],
        [{ uri: 'file:///no/such/file.rpcstate' }, /cannot read/],
    ])('refuses bad parameters with a ResponseError, never a crash: %j', async (params, message) => {
        const answer = diagramOf(lsp.shared, params as never);
        await expect(answer).rejects.toBeInstanceOf(ResponseError);
        await expect(answer).rejects.toThrow(message);
    });
});

describe('rpcstate/diagram over stdio (the bundled server)', () => {
    it('is registered: an open document is drawn, and an edit is drawn once validated', async () => {
        const { StdioLanguageServer } = await import('../support/stdio-language-server.js');
        const server = new StdioLanguageServer();
        try {
            await server.initialize();
            const uri = 'file:///diagram-test/live.rpcstate';
            server.open(uri, HOSTILE_SPEC);
            const first = await server.request<{ diagram: { machines: Array<{ states: Array<{ name: string }> }> }; svg: string; version?: number }>('rpcstate/diagram', { uri }, 30_000);
            expect(first.diagram.machines[0].states.map(s => s.name)).toContain('Stray');
            expect(first.version).toBe(1);
            server.replace(uri, HOSTILE_SPEC.replace(/Stray/g, 'Renamed'));
            const second = await server.request<typeof first>('rpcstate/diagram', { uri }, 30_000);
            expect(second.diagram.machines[0].states.map(s => s.name)).toContain('Renamed');
            expect(second.version).toBe(2);
            expect(server.alive).toBe(true);
        } finally {
            await server.stop();
        }
    });
});
