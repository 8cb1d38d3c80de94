// The snippets, expanded with their default placeholders, are valid rpcstate:
// the two tables check clean, a new state parses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codesOf, diagnosticsOf } from '../support/lsp-in-process.js';

const root = join(import.meta.dirname, '..', '..');
const snippets = JSON.parse(readFileSync(join(root, 'snippets', 'rpcstate.json'), 'utf8')) as Record<string, { prefix: string[]; body: string[] }>;

/** The text VS Code inserts when every placeholder keeps its default (the first choice of a choice). */
function expand(body: string[]): string {
    return body
        .join('\n')
        .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\{?\d+\}?/g, '')
        .replace(/\t/g, '  ');
}

describe('snippets', () => {
    it('have the three documented prefixes', () => {
        const prefixes = Object.values(snippets).flatMap(s => s.prefix);
        for (const prefix of ['state', 'client table', 'server table']) expect(prefixes).toContain(prefix);
    });

    it('expand the client and server tables into a protocol without any diagnostic', async () => {
        const text = `protocol FromSnippets\n\n${expand(snippets['Client table'].body)}\n${expand(snippets['Server table'].body)}`;
        expect(text).toContain('client Caller {');
        expect(text).toContain('server Manager {');
        expect(await diagnosticsOf(text)).toEqual([]);
    });

    it('expand a new state that parses inside a machine', async () => {
        const state = expand(snippets.State.body);
        expect(state).toMatch(/^state Name "What happens here" \{\n  call\n  -> Next\n\}/);
        const text = `protocol P\nclient C {\n  initial state S {\n    -> Name\n  }\n${state}\n  state Next {\n    -> End\n  }\n  end state End\n}\n`;
        const codes = codesOf(await diagnosticsOf(text));
        expect(codes).not.toContain('syntax');
        expect(codes).not.toContain('unknown-state');
    });
});
