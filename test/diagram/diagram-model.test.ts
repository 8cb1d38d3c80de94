import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OUTCOME_LABEL } from '../../language/diagram/diagram-model.js';
import { elementAtPosition, elementById } from '../../language/diagram/diagram-selection.js';
import { OWN_EXAMPLES } from '../support/paths.js';
import { diagramOfText } from './diagram-fixtures.js';

const documented = readFileSync(join(OWN_EXAMPLES, 'documented-tables.rpcstate'), 'utf8');

describe('diagram model', () => {
    it('holds every machine, state and transition of the documented tables, with ids from the names', async () => {
        const diagram = await diagramOfText(documented);
        const client = diagram.machines.find(m => m.side === 'client')!;
        expect(client.id).toBe(`client:${client.name}`);
        const initial = client.states.find(s => s.initial)!;
        expect(initial.id).toBe(`${client.id}/${initial.name}`);
        expect(initial.actionLabel).toMatch(/^call/);
        expect(client.states.filter(s => s.end)).toHaveLength(1);
        expect(client.transitions.length).toBeGreaterThan(0);
        for (const t of client.transitions) {
            expect(client.states.map(s => s.id)).toContain(t.source);
            expect(client.states.map(s => s.id)).toContain(t.target);
            expect(t.id.startsWith(`${t.source}/`)).toBe(true);
        }
        expect(diagram.syntaxErrors).toEqual([]);
        expect(diagram.machines.flatMap(m => [...m.findings, ...m.states.flatMap(s => s.findings), ...m.transitions.flatMap(t => t.findings)])).toEqual([]);
    });

    it('labels transitions `outcome / effect`, the default one `(default)`', async () => {
        const diagram = await diagramOfText(`protocol P
server S {
  initial state D { dispatch -> C  on fatal raise -> End  on graceful invoke RpcAsyncAbortCall -> End }
  state C { invoke RpcAsyncCompleteCall -> End }
  end state End
}`);
        const labels = diagram.machines[0].transitions.map(t => t.label);
        expect(labels).toEqual([DEFAULT_OUTCOME_LABEL, 'fatal / raise', 'graceful / RpcAsyncAbortCall', DEFAULT_OUTCOME_LABEL]);
        expect(diagram.machines[0].transitions[1]).toMatchObject({ outcome: 'fatal', effectLabel: 'raise' });
    });

    it('puts each finding on the element it is reported on, and marks unreachable states', async () => {
        const diagram = await diagramOfText(`protocol P
client C {
  initial state A "start" { call  on success -> W  on exception -> End }
  state W { await RpcCallComplete -> X }
  state X { invoke RpcAsyncCompleteCall -> End }
  state Lost { -> End }
  end state End
}
server S {
  initial state D { dispatch -> Nowhere }
  state D { dispatch -> End }
  end state End
}`);
        const [client, server] = diagram.machines;
        const lost = client.states.find(s => s.name === 'Lost')!;
        expect(lost.reachable).toBe(false);
        expect(lost.findings.map(f => f.code)).toEqual(['unreachable-state']);
        expect(client.states.filter(s => s.name !== 'Lost').every(s => s.reachable)).toBe(true);
        expect(client.states.find(s => s.name === 'A')!.phases).toEqual(['no call made yet']);

        // A duplicate name gets its own id; an unknown target gets a node drawn for it.
        expect(server.states.map(s => s.id)).toEqual(['server:S/D', 'server:S/D~2', 'server:S/End', 'server:S/?Nowhere']);
        expect(server.states[1].findings.map(f => f.code)).toEqual(['duplicate-state']);
        const missing = server.states[3];
        expect(missing).toMatchObject({ name: 'Nowhere', missing: true });
        const toNowhere = server.transitions.find(t => t.target === missing.id)!;
        expect(toNowhere.findings.map(f => f.code)).toEqual(['unknown-state']);
        // The path checks do not run on a malformed machine: nothing is known to be unreachable.
        expect(server.pathChecked).toBe(false);
        expect(server.states.every(s => s.reachable)).toBe(true);
    });

    it('puts machine-level findings on the machine', async () => {
        const diagram = await diagramOfText('protocol P\nclient C {\n  state A { -> End }\n  end state End\n}');
        expect(diagram.machines[0].findings.map(f => f.code)).toEqual(['missing-initial']);
    });

    it('keeps ids stable when a description changes or a state is added', async () => {
        const before = await diagramOfText(documented);
        const after = await diagramOfText(documented.replace(/"[^"]*"/, '"Another description"').replace(/(\n\s*end state )/, '\n  state Added { -> End }$1'));
        const ids = (d: typeof before) => d.machines.flatMap(m => [m.id, ...m.states.map(s => s.id), ...m.transitions.map(t => t.id)]);
        const added = ids(after).filter(id => !ids(before).includes(id));
        expect(ids(before).every(id => ids(after).includes(id))).toBe(true);
        expect(added.every(id => id.includes('/Added'))).toBe(true);
        expect(added.length).toBeGreaterThan(0);
    });

    it('still draws what parsed when the text has a syntax error, and says so', async () => {
        const diagram = await diagramOfText('protocol P\nclient C {\n  initial state A { call on success -> }\n  end state End\n}\nserver S {\n  initial state D { dispatch -> End }\n  end state End\n}');
        expect(diagram.syntaxErrors.length).toBeGreaterThan(0);
        expect(diagram.machines.map(m => m.name)).toEqual(['C', 'S']);
        expect(diagram.machines[0].incomplete).toBe(true);
        expect(diagram.machines[1].incomplete).toBe(false);
        expect(diagram.machines[0].findings).toEqual([]);
    });

    it('maps a text position to the innermost element and back', async () => {
        const diagram = await diagramOfText(documented);
        const client = diagram.machines[0];
        const transition = client.transitions[0];
        const state = client.states[0];
        expect(elementAtPosition(diagram, transition.range.start)?.id).toBe(transition.id);
        expect(elementAtPosition(diagram, state.selectionRange.start)?.id).toBe(state.id);
        expect(elementAtPosition(diagram, client.selectionRange.start)?.id).toBe(client.id);
        expect(elementAtPosition(diagram, { line: 0, character: 0 })).toBeUndefined();
        expect(elementById(diagram, transition.id)?.selectionRange).toEqual(transition.range);
        expect(elementById(diagram, 'client:Nope/X')).toBeUndefined();
    });

    it('survives text that is not a protocol at all', async () => {
        for (const text of ['', 'state', '}}}{{{', 'protocol', 'protocol P client { state }']) {
            const diagram = await diagramOfText(text);
            expect(Array.isArray(diagram.machines)).toBe(true);
        }
    });
});
