import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
    CodeAction, CodeLens, CompletionItem, CompletionList, Diagnostic, DocumentHighlight, DocumentSymbol, FoldingRange, Hover,
    InitializeResult, InlayHint, Location, MarkupContent, Range, SemanticTokens, SymbolInformation, TextEdit, WorkspaceEdit, WorkspaceSymbol,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readFileSync } from 'node:fs';
import { SERVER_BUNDLE } from '../support/paths.js';
import { StdioLanguageServer, UNCAUGHT } from '../support/stdio-language-server.js';
import { HASTY, lineOf, positionOf, TABLES } from './session-fixtures.js';

/**
 * One real session with the bundled server (out/server.cjs --stdio), spoken
 * to in JSON-RPC as any editor would: every feature the server offers is
 * asked for once, on the documented tables and on a client with mistakes.
 */
const TABLES_URI = 'file:///session/tables.rpcstate';
const HASTY_URI = 'file:///session/hasty.rpcstate';
const doc = (uri: string) => ({ textDocument: { uri } });

let server: StdioLanguageServer;
let init: InitializeResult;

beforeAll(async () => {
    if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run \`npm run build\` first`);
    server = new StdioLanguageServer();
    init = await server.initialize();
    server.open(TABLES_URI, TABLES);
    server.open(HASTY_URI, HASTY);
    await server.diagnostics(TABLES_URI);
    await server.diagnostics(HASTY_URI);
});

afterAll(async () => {
    await server?.stop();
});

describe('the server over stdio', () => {
    it('announces every feature in its capabilities', () => {
        const c = init.capabilities;
        expect(c.completionProvider, 'completion').toBeDefined();
        expect(c.hoverProvider, 'hover').toBeTruthy();
        expect(c.definitionProvider, 'definition').toBeTruthy();
        expect(c.referencesProvider, 'references').toBeTruthy();
        expect(c.renameProvider, 'rename with prepareRename').toMatchObject({ prepareProvider: true });
        expect(c.documentHighlightProvider, 'highlights').toBeTruthy();
        expect(c.documentSymbolProvider, 'document symbols').toBeTruthy();
        expect(c.workspaceSymbolProvider, 'workspace symbols').toBeTruthy();
        expect(c.foldingRangeProvider, 'folding').toBeTruthy();
        expect(c.documentFormattingProvider, 'formatting').toBeTruthy();
        expect(c.semanticTokensProvider, 'semantic tokens').toBeDefined();
        expect(c.codeActionProvider, 'code actions').toBeTruthy();
        expect(c.codeLensProvider, 'code lenses').toBeDefined();
        expect(c.inlayHintProvider, 'inlay hints').toBeTruthy();
    });

    it('logs one ready line with its version once the workspace is loaded', async () => {
        const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
        expect(await server.ready).toMatch(new RegExp(`^rpcstate language server ready: version ${version.replace(/\./g, '\\.')}, workspace loaded in \\d+ ms$`));
        expect(server.logged.filter(line => line.message.startsWith('rpcstate language server ready'))).toHaveLength(1);
    });

    it('publishes no diagnostic for the documented tables', async () => {
        expect(await server.diagnostics(TABLES_URI)).toEqual([]);
    });

    it('publishes diagnostics with codes, documentation links and the offending path', async () => {
        const diagnostics = await server.diagnostics(HASTY_URI);
        const byCode = new Map(diagnostics.map(d => [String(d.code), d]));
        expect([...byCode.keys()].sort()).toEqual(['after-completion', 'complete-before-notification', 'no-outstanding-call']);
        const marked = (code: string) => HASTY.split('\n').findIndex(line => line.endsWith(`// expect: ${code}`));
        for (const [code, diagnostic] of byCode) {
            expect(diagnostic.range.start.line, code).toBe(marked(code));
            expect(diagnostic.codeDescription?.href, code).toMatch(new RegExp(`/docs/diagnostics\\.md#${code}$`));
            expect((diagnostic.data as { code?: string }).code).toBe(code);
        }
        const path = byCode.get('complete-before-notification')!.relatedInformation ?? [];
        expect(path.map(step => step.location.uri)).toEqual([HASTY_URI, HASTY_URI, HASTY_URI]);
        expect(path.map(step => step.location.range.start.line)).toEqual([lineOf(HASTY, 'Pick', 0), lineOf(HASTY, 'Comp', 0), marked('complete-before-notification')]);
    });

    it('completes the states of this machine after `->`', async () => {
        const uri = 'file:///session/completing.rpcstate';
        const text = TABLES.replace('    invoke RpcAsyncCancelCall\n', '    invoke RpcAsyncCancelCall\n    on retry -> \n');
        server.open(uri, text);
        await server.diagnostics(uri);
        const line = text.split('\n').findIndex(l => l === '    on retry -> ');
        const result = await server.request<CompletionItem[] | CompletionList>('textDocument/completion', { ...doc(uri), position: { line, character: 15 } });
        const labels = (Array.isArray(result) ? result : result.items).map(item => item.label);
        expect(labels).toEqual(expect.arrayContaining(['C', 'Can', 'WComp', 'Comp', 'End']));
        // D and A are the server's states: not reachable from a client transition.
        expect(labels).not.toContain('D');
        expect(labels).not.toContain('A');
    });

    it('hovers a catalog function with its side, legal phases, facts and documentation link', async () => {
        const hover = await server.request<Hover | null>('textDocument/hover', { ...doc(TABLES_URI), position: positionOf(TABLES, 'RpcAsyncCancelCall', 0, 4) });
        const text = (hover?.contents as MarkupContent | undefined)?.value ?? JSON.stringify(hover?.contents ?? '');
        expect(text).toContain('client');
        expect(text).toContain('outstanding');
        expect(text).toContain('known complete');
        expect(text).toContain('still calls RpcAsyncCompleteCall');
        expect(text).toContain('https://learn.microsoft.com/windows/win32/api/rpcasync/nf-rpcasync-rpcasynccancelcall');
    });

    it('goes to the definition of a state in the same machine', async () => {
        const result = await server.request<Location | Location[] | null>('textDocument/definition', { ...doc(TABLES_URI), position: positionOf(TABLES, 'WComp', 1) });
        const locations = (Array.isArray(result) ? result : result ? [result] : []) as Array<Location | { targetUri: string; targetSelectionRange: Range }>;
        expect(locations).toHaveLength(1);
        const line = 'range' in locations[0] ? locations[0].range.start.line : locations[0].targetSelectionRange.start.line;
        expect(line).toBe(lineOf(TABLES, 'WComp', 2));
    });

    it('finds the references of the server\'s Comp, not the client\'s', async () => {
        const result = await server.request<Location[]>('textDocument/references', { ...doc(TABLES_URI), position: positionOf(TABLES, 'Comp', 3), context: { includeDeclaration: true } });
        expect(result.map(l => l.range.start.line).sort((a, b) => a - b)).toEqual([lineOf(TABLES, 'Comp', 2), lineOf(TABLES, 'Comp', 3)]);
    });

    it('highlights the client\'s Comp where it is declared and targeted', async () => {
        const result = await server.request<DocumentHighlight[]>('textDocument/documentHighlight', { ...doc(TABLES_URI), position: positionOf(TABLES, 'Comp', 0) });
        expect(result.map(h => h.range.start.line).sort((a, b) => a - b)).toEqual([lineOf(TABLES, 'Comp', 0), lineOf(TABLES, 'Comp', 1)]);
    });

    it('renames a state in its machine, and refuses a taken name with a message', async () => {
        const range = await server.request<Range | null>('textDocument/prepareRename', { ...doc(TABLES_URI), position: positionOf(TABLES, 'Comp', 3) });
        expect(range?.start).toEqual(positionOf(TABLES, 'Comp', 3, 0));
        const edit = await server.request<WorkspaceEdit>('textDocument/rename', { ...doc(TABLES_URI), position: positionOf(TABLES, 'Comp', 3), newName: 'Completion' });
        const edits = edit.changes?.[TABLES_URI] ?? [];
        expect(edits.map(e => e.range.start.line).sort((a, b) => a - b)).toEqual([lineOf(TABLES, 'Comp', 2), lineOf(TABLES, 'Comp', 3)]);
        await expect(server.request('textDocument/rename', { ...doc(TABLES_URI), position: positionOf(TABLES, 'Comp', 1), newName: 'WComp' }))
            .rejects.toThrow(/Caller already has a state named WComp/);
    });

    it('lists document symbols as protocol > machines > states', async () => {
        const symbols = await server.request<DocumentSymbol[]>('textDocument/documentSymbol', doc(TABLES_URI));
        expect(symbols.map(s => s.name)).toEqual(['AsyncCall']);
        const machines = symbols[0].children ?? [];
        expect(machines.map(m => m.name)).toEqual(['Caller', 'Manager']);
        expect((machines[0].children ?? []).map(s => s.name)).toEqual(['C', 'Can', 'WComp', 'Comp', 'End']);
        expect((machines[1].children ?? []).map(s => s.name)).toEqual(['D', 'A', 'Comp', 'End']);
    });

    it('finds the machines as workspace symbols', async () => {
        const symbols = await server.request<Array<SymbolInformation | WorkspaceSymbol>>('workspace/symbol', { query: '' });
        const names = symbols.filter(s => s.location.uri === TABLES_URI).map(s => s.name);
        expect(names).toEqual(expect.arrayContaining(['Caller', 'Manager']));
    });

    it('folds machines and states', async () => {
        const ranges = await server.request<FoldingRange[]>('textDocument/foldingRange', doc(TABLES_URI));
        const starts = ranges.map(r => r.startLine);
        expect(starts).toContain(lineOf(TABLES, 'Caller'));
        expect(starts).toContain(lineOf(TABLES, 'C', 0));
        expect(starts).toContain(lineOf(TABLES, 'Manager'));
    });

    it('formats to the layout of the examples', async () => {
        const uri = 'file:///session/unformatted.rpcstate';
        const messy = TABLES.split('\n').map(line => line.trim().replace(/ -> /g, '   ->  ').replace(/ \{$/, '{')).join('\n');
        server.open(uri, messy);
        await server.diagnostics(uri);
        const edits = await server.request<TextEdit[]>('textDocument/formatting', { ...doc(uri), options: { tabSize: 2, insertSpaces: true } });
        expect(TextDocument.applyEdits(TextDocument.create(uri, 'rpcstate', 1, messy), edits ?? [])).toBe(TABLES);
    });

    it('gives semantic tokens to machines, states, functions, events, outcomes and keywords', async () => {
        const legend = (init.capabilities.semanticTokensProvider as { legend: { tokenTypes: string[] } }).legend;
        const tokens = await server.request<SemanticTokens>('textDocument/semanticTokens/full', doc(TABLES_URI));
        const decoded: Array<{ line: number; start: number; length: number; type: string }> = [];
        let line = 0;
        let start = 0;
        for (let i = 0; i < tokens.data.length; i += 5) {
            line += tokens.data[i];
            start = tokens.data[i] === 0 ? start + tokens.data[i + 1] : tokens.data[i + 1];
            decoded.push({ line, start, length: tokens.data[i + 2], type: legend.tokenTypes[tokens.data[i + 3]] });
        }
        const typeAt = (word: string, n = 0) => {
            const p = positionOf(TABLES, word, n, 0);
            return decoded.find(t => t.line === p.line && t.start <= p.character && p.character < t.start + t.length)?.type;
        };
        const kinds = {
            machine: typeAt('Caller'), state: typeAt('WComp', 2), reference: typeAt('WComp', 0), function: typeAt('RpcAsyncCancelCall'),
            event: typeAt('RpcCallComplete'), outcome: typeAt('success'), keyword: typeAt('await'),
        };
        for (const [kind, type] of Object.entries(kinds)) expect(type, kind).toBeDefined();
        expect(kinds.keyword).toBe('keyword');
        expect(kinds.state).toBe(kinds.reference);
        expect(kinds.function).not.toBe(kinds.event);
        expect(kinds.machine).not.toBe(kinds.state);
        expect(kinds.outcome).not.toBe(kinds.state);
    });

    it('offers quick fixes for a diagnostic', async () => {
        const diagnostics = await server.diagnostics(HASTY_URI);
        const early = diagnostics.find(d => d.code === 'complete-before-notification') as Diagnostic;
        const actions = await server.request<CodeAction[]>('textDocument/codeAction', { ...doc(HASTY_URI), range: early.range, context: { diagnostics: [early] } });
        expect(actions.map(a => a.title)).toEqual([
            'Wait for RpcCallComplete in a new state WaitComp before Comp',
            'Add `on pending -> Comp`: complete again while the call is still pending',
            'Ignore complete-before-notification on this line (// rpcstate-ignore-next-line)',
        ]);
        expect(actions[0].isPreferred).toBe(true);
    });

    it('shows a verdict per machine as a code lens', async () => {
        const lensTitles = async (uri: string, text: string, machines: string[]) => {
            const lenses = await server.request<CodeLens[]>('textDocument/codeLens', doc(uri));
            return Promise.all(machines.map(async machine => {
                const lens = lenses.find(l => l.range.start.line === lineOf(text, machine));
                expect(lens, `a lens on ${machine}`).toBeDefined();
                const resolved = lens!.command ? lens! : await server.request<CodeLens>('codeLens/resolve', lens);
                return resolved.command?.title ?? '';
            }));
        };
        const [caller, manager] = await lensTitles(TABLES_URI, TABLES, ['Caller', 'Manager']);
        const [hasty] = await lensTitles(HASTY_URI, HASTY, ['Hasty']);
        for (const title of [caller, manager, hasty]) expect(title.length).toBeGreaterThan(0);
        expect(hasty).toMatch(/error/);
        expect(caller).not.toMatch(/error/);
    });

    it('hints the phases in which each state is entered', async () => {
        const hints = await server.request<InlayHint[]>('textDocument/inlayHint', { ...doc(TABLES_URI), range: { start: { line: 0, character: 0 }, end: { line: TABLES.split('\n').length, character: 0 } } });
        const labelOn = (line: number) => hints.filter(h => h.position.line === line)
            .map(h => (typeof h.label === 'string' ? h.label : h.label.map(part => part.value).join(''))).join(' ');
        expect(labelOn(lineOf(TABLES, 'WComp', 2))).toContain('outstanding');
        expect(labelOn(lineOf(TABLES, 'Comp', 1))).toContain('known complete');
        expect(labelOn(lineOf(TABLES, 'Comp', 3))).toContain('active');
    });

    it('is still alive, with nothing uncaught on stderr or in its log', () => {
        expect(server.alive).toBe(true);
        expect(server.stderr).not.toMatch(UNCAUGHT);
        expect(server.loggedErrors).toEqual([]);
    });
});
