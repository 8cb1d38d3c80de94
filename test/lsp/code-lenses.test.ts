import { describe, expect, test } from 'vitest';
import { GENERATE_HANDLERS_COMMAND, SHOW_DIAGRAM_COMMAND } from '../../server/features/code-lenses.js';
import { compositionVerdict, STEP_INTERLEAVING_COMMAND } from '../../server/features/composition-lens.js';
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
            'client Caller × server Manager: no deadlock, 24 joint points explored',
            '5 states · End reachable · 0 findings', 'Show diagram', 'Generate handlers',
            '4 states · End reachable · 0 findings', 'Show diagram', 'Generate handlers',
        ]);
        expect(found[0].range.start.line).toBe(found[0].range.end.line);
        expect(found[2].command).toEqual({ title: 'Show diagram', command: SHOW_DIAGRAM_COMMAND, arguments: [document.uri.toString(), 'Caller'] });
        expect(found[6].command).toEqual({ title: 'Generate handlers', command: GENERATE_HANDLERS_COMMAND, arguments: [document.uri.toString(), 'Manager'] });
        expect(found[4].range.start.line).toBe(29);
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

    test.skipIf(!HAS_SHARED)('the protocol line says how many deadlocks the client × server check found, with a lens to step through them', async () => {
        const { document, found } = await lenses(sharedExample('composition/wrong-procedure.rpcstate'));
        const onProtocol = found.filter(lens => lens.range.start.line === 2);
        expect(onProtocol.map(lens => lens.command?.title)).toEqual([
            'client Reader × server Writer: 2 deadlocks, 3 joint points explored',
            'Step through a deadlock',
        ]);
        expect(onProtocol[1].command).toEqual({ title: 'Step through a deadlock', command: STEP_INTERLEAVING_COMMAND, arguments: [document.uri.toString()] });
    });

    test('a pair the check does not apply to says why; a file with one side has no composition lens', async () => {
        const pair = 'protocol P\nclient C {\n  initial state A { -> Nowhere }\n  end state End\n}\nserver S {\n  initial state D { dispatch -> End }\n  end state End\n}\n';
        expect((await lenses(pair)).found[0].command?.title).toBe('client × server: not checked (client C has errors of its own)');
        const alone = (await lenses('protocol P\nclient C {\n  initial state A { -> End }\n  end state End\n}\n')).found;
        expect(alone.map(lens => lens.command?.title)).toEqual(['2 states · End reachable · 0 findings', 'Show diagram', 'Generate handlers']);
    });

    test('the verdict names a check stopped by its budget and one cancelled by an edit', () => {
        const base = { client: 'C', server: 'S', steps: 0, findings: [], deadlocks: [] };
        expect(compositionVerdict({ ...base, status: 'skipped', points: 2_000_000 })).toBe('client C × server S: no verdict, stopped at its budget after 2,000,000 joint points');
        expect(compositionVerdict({ ...base, status: 'checked', points: 1 })).toBe('client C × server S: no deadlock, 1 joint point explored');
        expect(compositionVerdict(undefined)).toBe('client × server: checking…');
    });
});
