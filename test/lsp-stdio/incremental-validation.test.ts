import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_BUNDLE } from '../support/paths.js';
import { StdioLanguageServer } from '../support/stdio-language-server.js';
import { HASTY, TABLES } from './session-fixtures.js';

/**
 * Editing one document must not re-check the others: state references never
 * leave their machine, so nothing in another file can change. Counted as an
 * editor sees it: the publishDiagnostics each URI receives.
 */
const A = 'file:///incremental/a.rpcstate';
const CLEAN_B = 'file:///incremental/clean-b.rpcstate';
const BROKEN_B = 'file:///incremental/broken-b.rpcstate';
// A target that resolves nowhere: Langium relinks documents with linking errors on every change anywhere, unless told otherwise.
const BROKEN = HASTY.replace('on wait -> WComp', 'on wait -> Nowhere');

let server: StdioLanguageServer;

beforeAll(async () => {
    if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run \`npm run build\` first`);
    server = new StdioLanguageServer();
    await server.initialize();
    server.open(A, TABLES);
    server.open(CLEAN_B, HASTY);
    server.open(BROKEN_B, BROKEN);
    await server.diagnostics(A);
    await server.diagnostics(CLEAN_B);
    expect((await server.diagnostics(BROKEN_B)).map(d => d.code)).toContain('unknown-state');
});

afterAll(async () => {
    await server?.stop();
});

describe('incremental validation', () => {
    it('editing A re-validates A only, not B (clean or with an unresolved state)', async () => {
        const b = server.publishCount(CLEAN_B);
        const broken = server.publishCount(BROKEN_B);
        for (let i = 0; i < 5; i++) {
            const before = server.publishCount(A);
            server.replace(A, i % 2 === 0 ? TABLES.replace(/on fail +-> Can\b/, 'on fail -> Cann') : TABLES);
            const diagnostics = await server.diagnostics(A, before);
            expect(diagnostics.some(d => d.code === 'unknown-state')).toBe(i % 2 === 0);
        }
        // A last round trip, so that anything B would have been sent has arrived.
        await server.request('textDocument/documentSymbol', { textDocument: { uri: A } });
        expect(server.publishCount(CLEAN_B)).toBe(b);
        expect(server.publishCount(BROKEN_B)).toBe(broken);
    });
});
