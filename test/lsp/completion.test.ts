import type { CompletionList } from 'vscode-languageserver';
import { expectCompletion } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { Transition } from '../../language/generated/ast.js';
import { parse, rpcstate } from './editor-services.js';

const complete = expectCompletion(rpcstate);

/** Labels in the order the editor shows them (by sortText, then as given). */
function labels(list: CompletionList): string[] {
    return [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map(item => item.label);
}

const TWO_MACHINES = `protocol P
client Caller {
  initial state C {
    call
    on success   -> WComp
    on exception -> <|>
  }
  state WComp {
    await <|>
    -> Comp
  }
  state Comp {
    invoke <|>
    -> End
  }
  end state End
}
server Manager {
  initial state D {
    dispatch
    -> Fin
  }
  end state Fin
}
`;

describe('completion', () => {
    test('after -> it offers the states of this machine only', async () => {
        await complete({
            text: TWO_MACHINES, index: 0,
            assert: list => expect(labels(list).sort()).toEqual(['C', 'Comp', 'End', 'WComp']),
        });
    });

    test('after -> each state name once, in document order: a duplicate name offers the first state of it', async () => {
        await complete({
            text: 'protocol P\nclient C {\n  initial state A "first A" { call on exception -> End -> <|> }\n  state B "b" { -> End }\n  state A "second A" { -> End }\n  end state End\n}\n',
            index: 0,
            assert: list => {
                expect(list.items.map(item => item.label)).toEqual(['A', 'B', 'End']);
                expect(list.items[0].detail).toBe('first A');
            },
        });
    });

    test('the scope of a target lists the same states however often it is read, before and after a name is looked up', async () => {
        const document = await parse('protocol P\nclient C {\n  initial state A { call on exception -> End -> B }\n  state B { -> A }\n  state A { -> End }\n  end state End\n}\n');
        const transition = document.parseResult.value.machines[0].states[0].transitions[0] as Transition;
        const scope = rpcstate.references.ScopeProvider.getScope({ container: transition, property: 'target', reference: transition.target! });
        const all = scope.getAllElements().map(description => `${description.name}@${description.node?.$cstNode?.offset}`);
        const first = all.toArray();
        expect(first.map(name => name.split('@')[0])).toEqual(['A', 'B', 'End']);
        expect(all.toArray()).toEqual(first);
        expect(scope.getElement('A')?.node).toBe(document.parseResult.value.machines[0].states[0]);
        expect(all.toArray()).toEqual(first);
        expect(scope.getAllElements().toArray().map(description => description.name)).toEqual(['A', 'B', 'End']);
    });

    test('state items carry the description and the phase on entering', async () => {
        await complete({
            text: TWO_MACHINES, index: 0,
            assert: list => {
                const wcomp = list.items.find(item => item.label === 'WComp');
                expect(JSON.stringify(wcomp?.documentation)).toMatch(/not checked|outstanding/);
            },
        });
    });

    test('after await on a client: the client events, the legal ones first, server events last and marked', async () => {
        await complete({
            text: TWO_MACHINES, index: 1,
            assert: list => {
                expect(labels(list)).toEqual(['RpcCallComplete', 'RpcReceiveComplete', 'RpcSendComplete', 'RpcClientCancel', 'RpcClientDisconnect']);
                const serverOnly = list.items.find(item => item.label === 'RpcClientCancel');
                expect(serverOnly?.labelDetails?.description).toBe('server only');
                const legal = list.items.find(item => item.label === 'RpcCallComplete');
                expect(legal?.labelDetails?.description).toBe('legal here');
                expect(JSON.stringify(legal?.documentation)).toContain('learn.microsoft.com');
            },
        });
    });

    test('after invoke: functions legal in the phases that reach the state come first, server-only ones last', async () => {
        // Comp is entered only after the RpcCallComplete notification: the call is known complete.
        await complete({
            text: 'protocol P\nclient Caller {\n  initial state C {\n    call\n    on success   -> WComp\n    on exception -> End\n  }\n  state WComp {\n    await RpcCallComplete\n    -> Comp\n  }\n  state Comp {\n    invoke <|>\n    -> End\n  }\n  end state End\n}\n',
            index: 0,
            assert: list => {
                const order = labels(list);
                const legal = list.items.filter(item => item.labelDetails?.description === 'legal here').map(item => item.label).sort();
                expect(legal).toEqual(['RpcAsyncCancelCall', 'RpcAsyncCompleteCall', 'RpcAsyncGetCallStatus']);
                expect(order.slice(0, 3).sort()).toEqual(legal);
                expect(order[3]).toBe('RpcAsyncInitializeHandle');
                expect(list.items.find(item => item.label === 'RpcAsyncInitializeHandle')?.labelDetails?.description).toBe('not legal here');
                expect(order.slice(4).sort()).toEqual(['RpcAsyncAbortCall', 'RpcServerSubscribeForNotification', 'RpcServerTestCancel', 'RpcServerUnsubscribeForNotification']);
            },
        });
    });

    test('after invoke on a server: server functions first, client-only ones last with their counterpart', async () => {
        await complete({
            text: 'protocol P\nserver M {\n  initial state D {\n    dispatch\n    -> A\n  }\n  state A {\n    invoke <|>\n    -> End\n  }\n  end state End\n}\n',
            index: 0,
            assert: list => {
                const order = labels(list);
                expect(order.slice(0, 5).sort()).toEqual(['RpcAsyncAbortCall', 'RpcAsyncCompleteCall', 'RpcServerSubscribeForNotification', 'RpcServerTestCancel', 'RpcServerUnsubscribeForNotification']);
                const cancel = list.items.find(item => item.label === 'RpcAsyncCancelCall');
                expect(cancel?.detail).toBe('client only: on a server write RpcAsyncAbortCall');
            },
        });
    });

    test('after on: the special outcome of the state\'s action first, then the usual ones not yet handled', async () => {
        await complete({
            text: 'protocol P\nclient C {\n  initial state A {\n    call\n    on success -> End\n    on <|>\n  }\n  end state End\n}\n',
            index: 0,
            expectedItems: ['exception', 'fail', 'fatal', 'done'],
        });
    });

    test('after on in a polling state: pending is offered first', async () => {
        await complete({
            text: 'protocol P\nclient C {\n  initial state A {\n    invoke RpcAsyncGetCallStatus\n    on <|>\n  }\n  end state End\n}\n',
            index: 0,
            assert: list => expect(labels(list)[0]).toBe('pending'),
        });
    });

    test('at the start of a client body: call and the new-state snippet, not dispatch', async () => {
        await complete({
            text: 'protocol P\nclient C {\n  initial state A {\n    <|>\n  }\n}\n',
            index: 0,
            assert: list => {
                const all = list.items.map(item => item.label);
                expect(all).toContain('call');
                expect(all).toContain('invoke');
                expect(all).toContain('await');
                expect(all).toContain('on');
                expect(all).not.toContain('dispatch');
            },
        });
    });

    test('in a machine: keywords for a state and the new-state snippet', async () => {
        await complete({
            text: 'protocol P\nserver S {\n  <|>\n}\n',
            index: 0,
            assert: list => {
                const snippet = list.items.find(item => item.label === 'new state');
                expect(snippet?.insertTextFormat).toBe(2);
                expect(list.items.map(item => item.label)).toEqual(expect.arrayContaining(['initial', 'state', 'end']));
            },
        });
    });

    test('at protocol level: the documented client and server tables', async () => {
        await complete({
            text: 'protocol P\n<|>',
            index: 0,
            assert: list => {
                const client = list.items.find(item => item.label === 'client table');
                const server = list.items.find(item => item.label === 'server table');
                expect(client?.insertText).toContain('invoke RpcAsyncCancelCall');
                expect(server?.insertText).toContain('on fatal raise -> End');
            },
        });
    });

    test('a broken document still completes, with keyword documentation', async () => {
        await complete({
            text: 'protocol P\nclient C {\n  initial state A { inv<|>\n',
            index: 0,
            assert: list => {
                const invoke = list.items.find(item => item.label === 'invoke');
                expect(invoke?.documentation).toMatch(/catalog/);
            },
        });
    });
});
