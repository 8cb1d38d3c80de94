import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { StdioLanguageServer } from '../support/stdio-language-server.js';
import { startBundledServer } from '../support/stdio-language-server.js';
import { TABLES, positionOf } from './session-fixtures.js';

/**
 * Bad input over stdio, as an editor sends it: requests about a file the
 * server cannot know, and texts that are one syntax error after another.
 */
let server: StdioLanguageServer;

beforeAll(async () => {
    server = await startBundledServer();
});

afterAll(async () => {
    await server?.stop();
});

const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : '');

describe('requests about a file neither open nor on disk', () => {
    const uri = 'file:///nowhere/never-opened.rpcstate';
    const textDocument = { uri };
    const position = { line: 0, character: 1 };
    const range = { start: position, end: position };
    const requests: Array<[string, unknown]> = [
        ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
        ['textDocument/rename', { textDocument, position, newName: 'X' }],
        ['textDocument/prepareRename', { textDocument, position }],
        ['textDocument/documentHighlight', { textDocument, position }],
        ['textDocument/hover', { textDocument, position }],
        ['textDocument/definition', { textDocument, position }],
        ['textDocument/completion', { textDocument, position }],
        ['textDocument/documentSymbol', { textDocument }],
        ['textDocument/foldingRange', { textDocument }],
        ['textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }],
        ['textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }],
        ['textDocument/codeLens', { textDocument }],
        ['textDocument/inlayHint', { textDocument, range }],
        ['textDocument/semanticTokens/full', { textDocument }],
    ];

    it.each(requests)('%s answers null, like every other request about it', async (method, params) => {
        expect(await server.request(method, params)).toBeNull();
    });

    it('leaves the server answering about the files it has', async () => {
        const open = 'file:///session/open.rpcstate';
        server.open(open, TABLES);
        await server.diagnostics(open);
        const highlights = await server.request<unknown[]>('textDocument/documentHighlight', { textDocument: { uri: open }, position: positionOf(TABLES, 'WComp', 1) });
        expect(highlights.length).toBeGreaterThan(1);
        expect(server.loggedErrors).toEqual([]);
    });
});

describe('a flood of syntax errors', () => {
    it('gives one error for a line of five stray characters', async () => {
        const uri = 'file:///session/stars.rpcstate';
        server.open(uri, 'protocol P\n* * * * *\n');
        const diagnostics = await server.diagnostics(uri);
        expect(diagnostics.map(d => [d.code, d.range.start.line])).toEqual([['syntax', 1]]);
    });

    it('reports the first 100 syntax errors of a file and then one "and N more"', async () => {
        const uri = 'file:///session/many.rpcstate';
        const lines = Array.from({ length: 300 }, (_, i) => `* stray ${i} *`);
        server.open(uri, `protocol P\n${lines.join('\n')}\n`);
        const diagnostics = await server.diagnostics(uri);
        expect(diagnostics).toHaveLength(101);
        expect(diagnostics.every(d => d.code === 'syntax')).toBe(true);
        expect(diagnostics.slice(0, 100).map(d => d.range.start.line)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
        expect(messageOf(diagnostics[100])).toMatch(/^and 200 more syntax errors from here on: only the first 100/);
        expect(diagnostics[100].range.start.line).toBe(101);
    });

    it('gives one error for an 800 KB line of `*/` and `/*`, and keeps answering', async () => {
        const uri = 'file:///session/flood.rpcstate';
        server.open(uri, `protocol P\n${'*/'.repeat(400_000)}\n`);
        const diagnostics = await server.diagnostics(uri, 0, 60_000);
        expect(diagnostics.map(d => [d.code, d.range.start.line])).toEqual([['syntax', 1]]);
        expect(await server.request('textDocument/documentSymbol', { textDocument: { uri } })).toBeDefined();
        expect(server.alive).toBe(true);
    });
});
