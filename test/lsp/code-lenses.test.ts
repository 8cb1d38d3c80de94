import { describe, expect, test } from 'vitest';
import { GENERATE_HANDLERS_COMMAND, SHOW_DIAGRAM_COMMAND } from '../../server/features/code-lenses.js';
import { HAS_SHARED } from '../support/paths.js';
import { parse, rpcstate, sharedExample, textDocument } from './editor-services.js';

async function lenses(text: string) {
    const document = await parse(text);
    const found = await rpcstate.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: textDocument(document) });
    return { document, found: found ?? [] };
}

describe('code lenses', () => {
    test.skipIf(!HAS_SHARED)('each machine gets its verdict, a diagram lens and a generator lens', async () => {
        const { document, found } = await lenses(sharedExample('async-call.rpcstate'));
        expect(found.map(lens => lens.command?.title)).toEqual([
            '5 states · End reachable · 0 findings', 'Show diagram', 'Generate handlers',
            '4 states · End reachable · 0 findings', 'Show diagram', 'Generate handlers',
        ]);
        expect(found[1].command).toEqual({ title: 'Show diagram', command: SHOW_DIAGRAM_COMMAND, arguments: [document.uri.toString(), 'Caller'] });
        expect(found[5].command).toEqual({ title: 'Generate handlers', command: GENERATE_HANDLERS_COMMAND, arguments: [document.uri.toString(), 'Manager'] });
        expect(found[3].range.start.line).toBe(29);
    });

    test('a machine with structural errors is reported as not checked', async () => {
        const { found } = await lenses('protocol P\nclient C {\n  state A { -> B }\n}\n');
        expect(found[0].command?.title).toBe('not checked: 3 structural errors');
    });

    test('findings are counted by severity, and an unreachable End is named', async () => {
        const { found } = await lenses('protocol P\nclient C {\n  initial state A { -> A }\n  state B { -> Fin }\n  end state Fin\n}\n');
        expect(found[0].command?.title).toMatch(/^3 states · Fin unreachable · \d+ errors?, 1 warning$/);
    });

    test('a machine cut short by a syntax error waits for it', async () => {
        const { found } = await lenses('protocol P\nclient C {\n  initial state A { -> }\n  end state End\n}\n');
        expect(found[0]?.command?.title).toBe('not checked: fix the syntax error first');
    });
});
