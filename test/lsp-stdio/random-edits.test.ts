import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { StdioLanguageServer } from '../support/stdio-language-server.js';
import { RequestTimeout, startBundledServer, UNCAUGHT } from '../support/stdio-language-server.js';
import { TABLES } from './session-fixtures.js';
import { seededRandom } from '../support/seeded-random.js';
import { randomEdit } from '../support/random-edit.js';

/**
 * Robustness: thousands of random incremental edits (tokens of the
 * language, garbage, unbalanced braces and quotes, deletions across lines)
 * interleaved with the requests an editor sends while typing. Every request
 * must be answered, with a result or an error response, and the server must
 * come out alive with nothing uncaught. Deterministic for a seed; the seed is
 * in the test name so that a failure can be replayed.
 */
const SEED = Number(process.env.RPCSTATE_FUZZ_SEED ?? 20240611);
const EDITS = 2_000;
const URI = 'file:///fuzz/tables.rpcstate';

let server: StdioLanguageServer;

beforeAll(async () => {
    server = await startBundledServer();
});

afterAll(async () => {
    await server?.stop();
});

describe('random edits over stdio', () => {
    it(`answers every request through ${EDITS} random edits and survives (seed ${SEED})`, async () => {
        const random = seededRandom(SEED);
        let document = TextDocument.create(URI, 'rpcstate', 1, TABLES);
        server.open(URI, TABLES);
        await server.diagnostics(URI);

        const pending: Array<Promise<'result' | 'error' | 'timeout'>> = [];
        const ask = (method: string, params: unknown) => {
            pending.push(server.request(method, params, 20_000).then(
                () => 'result' as const,
                error => (error instanceof RequestTimeout ? 'timeout' as const : 'error' as const),
            ));
        };
        const randomPosition = () => document.positionAt(Math.floor(random() * (document.getText().length + 1)));

        for (let i = 0; i < EDITS; i++) {
            const change = randomEdit(random, document);
            document = TextDocument.update(document, [change], document.version + 1);
            server.change(URI, [change]);

            if (i % 4 === 3) {
                const position = randomPosition();
                switch ((i >> 2) % 4) {
                    case 0: ask('textDocument/completion', { textDocument: { uri: URI }, position }); break;
                    case 1: ask('textDocument/hover', { textDocument: { uri: URI }, position }); break;
                    case 2: ask('textDocument/documentSymbol', { textDocument: { uri: URI } }); break;
                    default: ask('textDocument/formatting', { textDocument: { uri: URI }, options: { tabSize: 2, insertSpaces: true } });
                }
            }
            // Let the server's answers in, as an editor's event loop would between keystrokes;
            // now and then pause until it has checked the text, so that garbage gets validated, not only cancelled.
            if (i % 50 === 49) await new Promise(resolve => setImmediate(resolve));
            if (i % 100 === 99) await server.diagnostics(URI, server.publishCount(URI));
        }

        const outcomes = await Promise.all(pending);
        const count = (kind: string) => outcomes.filter(o => o === kind).length;
        expect(count('timeout'), 'requests left unanswered').toBe(0);
        expect(count('result') + count('error')).toBe(EDITS / 4);

        // The server's text is ours: replacing our whole text by a range (not a full-text change)
        // leaves the server with the clean tables only if its text had our length and lines.
        const before = server.publishCount(URI);
        server.change(URI, [{ range: { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) }, text: TABLES }]);
        let diagnostics = await server.diagnostics(URI, before);
        for (let wait = 0; diagnostics.length > 0 && wait < 20; wait++) diagnostics = await server.diagnostics(URI, server.publishCount(URI));
        expect(diagnostics).toEqual([]);

        expect(server.alive).toBe(true);
        expect(server.stderr).not.toMatch(UNCAUGHT);
        expect(server.loggedErrors).toEqual([]);
    }, 90_000);
});
