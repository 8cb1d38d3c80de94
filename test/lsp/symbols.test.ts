import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectSymbols, expectWorkspaceSymbols, parseHelper } from 'langium/test';
import { SymbolKind } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import { MAX_WORKSPACE_SYMBOLS } from '../../server/features/workspace-symbols.js';
import { createRpcstateLanguageServices } from '../../server/rpcstate-lsp-module.js';
import { HAS_SHARED } from '../support/paths.js';
import { rpcstate, sharedExample } from './editor-services.js';

describe('document symbols', () => {
    const symbols = expectSymbols(rpcstate);

    test.skipIf(!HAS_SHARED)('protocol > machines > states, with descriptions as details', async () => {
        await symbols({
            text: sharedExample('async-call.rpcstate'),
            assert: ([protocol, ...rest]) => {
                expect(rest).toEqual([]);
                expect(protocol.name).toBe('AsyncCall');
                expect(protocol.detail).toBe('Asynchronous call state for RPC calls');
                expect(protocol.children?.map(m => `${m.detail} ${m.name}`)).toEqual(['client Caller', 'server Manager']);
                const caller = protocol.children![0];
                expect(caller.kind).toBe(SymbolKind.Class);
                expect(caller.children?.map(s => `${s.name}: ${s.detail ?? ''}`)).toEqual([
                    'C: initial · Make the call', 'Can: Cancel the call', 'WComp: Wait for completion', 'Comp: Completion', 'End: end',
                ]);
                expect(caller.children![0].selectionRange.start).toEqual({ line: 4, character: 16 });
            },
        });
    });

    test('nameless nodes of a broken document are left out, the rest is listed', async () => {
        await symbols({
            text: 'protocol P\nclient C {\n  state {\n  }\n  state B { -> }\n}\n',
            assert: ([protocol]) => expect(protocol.children?.[0].children?.map(s => s.name)).toEqual(['B']),
        });
    });
});

describe('workspace symbols', () => {
    const workspace = createRpcstateLanguageServices(EmptyFileSystem);
    const parse = parseHelper(workspace.Rpcstate);
    const symbols = expectWorkspaceSymbols(workspace.shared);
    afterEach(() => clearDocuments(workspace.shared));

    test('machines and states of every document, with their container', async () => {
        await parse('protocol A\nclient Fetcher {\n  initial state Poll { -> End }\n  end state End\n}\n');
        await parse('protocol B\nserver Worker {\n  initial state Dispatch { dispatch -> Done }\n  end state Done\n}\n');
        await symbols({
            query: '',
            assert: found => expect(found.map(s => `${s.containerName}/${s.name}`).sort()).toEqual(['A/Fetcher', 'B/Worker', 'Fetcher/End', 'Fetcher/Poll', 'Worker/Dispatch', 'Worker/Done']),
        });
        await symbols({ query: 'pol', expectedSymbols: ['Poll'] });
        await symbols({ query: 'Wrk', expectedSymbols: ['Worker'] });
    });

    test('a query over a large document returns every match in one linear pass', async () => {
        const states = Array.from({ length: 20_000 }, (_, i) => `  state S${i} { -> End }`).join('\n');
        await parse(`protocol Big\nclient C {\n  initial state Start { -> S0 }\n${states}\n  end state End\n}\n`);
        const names = ['C', 'Start', ...Array.from({ length: 20_000 }, (_, i) => `S${i}`), 'End'];
        const matcher = workspace.shared.lsp.FuzzyMatcher;
        const expected = names.filter(name => matcher.match('S1999', name)).sort();
        expect(expected).toContain('S19999');
        await symbols({ query: 'S1999', assert: found => expect(found.map(s => s.name).sort()).toEqual(expected) });
        // An empty query stops at the cap instead of sending 20,003 symbols.
        await symbols({ query: '', assert: found => expect(found.length).toBe(MAX_WORKSPACE_SYMBOLS) });
    });
});
