import type { LangiumDocument } from 'langium';
import { TextDocument } from 'langium';
import { describe, expect, it } from 'vitest';
import type { Location, Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { lsp, openDocument } from '../support/lsp-in-process.js';

/**
 * Rename, find references and document highlights on states and machines.
 * The fixture names a state Comp in both machines: each machine's Comp has
 * its own references, and nothing may cross from one machine to the other.
 */
const TEXT = `protocol P

client Caller {
  initial state C {
    call
    on success   -> WComp
    on exception -> End
    on fail      -> Can
  }

  state Can {
    invoke RpcAsyncCancelCall
    -> WComp
  }

  state WComp {
    await RpcCallComplete
    -> Comp
  }

  state Comp {
    invoke RpcAsyncCompleteCall
    -> End
    on pending -> Comp
  }

  end state End
}

server Manager {
  initial state D {
    dispatch
    -> Comp
    on graceful -> A
  }

  state A {
    invoke RpcAsyncAbortCall
    -> End
  }

  state Comp {
    invoke RpcAsyncCompleteCall
    -> End
  }

  end state End
}
`;

/** The position of the n-th (0-based) occurrence of `word` as a whole word, plus `into` characters. */
function at(word: string, n = 0, into = 1): Position {
    const pattern = new RegExp(`\\b${word}\\b`, 'g');
    let match: RegExpExecArray | null = null;
    for (let i = 0; i <= n; i++) match = pattern.exec(TEXT);
    if (!match) throw new Error(`no occurrence ${n} of ${word}`);
    const before = TEXT.slice(0, match.index + into).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
}

/** Lines (1-based) of the given ranges, sorted. */
function lines(ranges: Array<{ range: { start: Position } }>): number[] {
    return ranges.map(r => r.range.start.line + 1).sort((a, b) => a - b);
}

const lineOf = (word: string, n = 0) => at(word, n).line + 1;

async function rename(document: LangiumDocument, position: Position, newName: string): Promise<WorkspaceEdit | undefined> {
    return lsp.Rpcstate.lsp.RenameProvider!.rename(document, { textDocument: { uri: document.uri.toString() }, position, newName });
}

async function references(document: LangiumDocument, position: Position, includeDeclaration: boolean): Promise<Location[]> {
    return await lsp.Rpcstate.lsp.ReferencesProvider!.findReferences(document, { textDocument: { uri: document.uri.toString() }, position, context: { includeDeclaration } }) ?? [];
}

function applied(document: LangiumDocument, edit: WorkspaceEdit | undefined): string {
    const edits: TextEdit[] = edit?.changes?.[document.uri.toString()] ?? [];
    return TextDocument.applyEdits(document.textDocument, edits);
}

describe('find references', () => {
    it('a state referenced from several transitions: every reference, in its own machine only', async () => {
        const document = await openDocument(TEXT);
        // The client's Comp: declared on its state line, referenced from WComp and from its own `on pending`.
        const found = await references(document, at('Comp', 1), true);
        expect(lines(found)).toEqual([lineOf('Comp', 0), lineOf('Comp', 1), lineOf('Comp', 2)].sort((a, b) => a - b));
        // The server's Comp, asked from a reference: its declaration and the one transition to it.
        const server = await references(document, at('Comp', 3), true);
        expect(lines(server)).toEqual([lineOf('Comp', 3), lineOf('Comp', 4)]);
    });

    it('leaves the declaration out when asked to', async () => {
        const document = await openDocument(TEXT);
        const found = await references(document, at('WComp', 2), false);
        expect(lines(found)).toEqual([lineOf('WComp', 0), lineOf('WComp', 1)]);
    });

    it('End of the client and End of the server are different states', async () => {
        const document = await openDocument(TEXT);
        const clientEnd = lines(await references(document, at('End', 0), true));
        const serverEnd = lines(await references(document, at('End', 4), true));
        // Each End: the declaration and two transitions (C and Comp; A and Comp).
        expect(clientEnd).toEqual([lineOf('End', 0), lineOf('End', 1), lineOf('End', 2)]);
        expect(serverEnd).toEqual([lineOf('End', 3), lineOf('End', 4), lineOf('End', 5)]);
        expect(clientEnd.filter(line => serverEnd.includes(line))).toEqual([]);
    });
});

describe('document highlights', () => {
    it('highlight the state under the cursor and its references in the same machine', async () => {
        const document = await openDocument(TEXT);
        const highlights = await lsp.Rpcstate.lsp.DocumentHighlightProvider!.getDocumentHighlight(document, { textDocument: { uri: document.uri.toString() }, position: at('Comp', 2) }) ?? [];
        expect(lines(highlights)).toEqual([lineOf('Comp', 0), lineOf('Comp', 1), lineOf('Comp', 2)].sort((a, b) => a - b));
    });
});

describe('rename', () => {
    it('renames a state and its references in its machine only', async () => {
        const document = await openDocument(TEXT);
        const result = applied(document, await rename(document, at('Comp', 0), 'Completion'));
        expect(result.match(/\bCompletion\b/g)).toHaveLength(3);
        expect(result.match(/\bComp\b/g)).toHaveLength(2);
        expect(result).toContain('server Manager {\n  initial state D {\n    dispatch\n    -> Comp');
    });

    it('renames from a reference as well as from the declaration', async () => {
        const document = await openDocument(TEXT);
        const result = applied(document, await rename(document, at('Can', 1), 'Cancel'));
        expect(result.match(/\bCancel\b/g)).toHaveLength(2);
        expect(result).not.toMatch(/\bCan\b/);
    });

    it('renames a machine', async () => {
        const document = await openDocument(TEXT);
        const result = applied(document, await rename(document, at('Manager'), 'Server'));
        expect(result).toContain('server Server {');
    });

    it('refuses a name the machine already has, with the reason', async () => {
        const document = await openDocument(TEXT);
        await expect(rename(document, at('Comp', 0), 'WComp')).rejects.toThrow(/Caller already has a state named WComp/);
        // A name taken only in the other machine is free here.
        await expect(rename(document, at('Can', 0), 'A')).resolves.toBeDefined();
    });

    it('refuses a keyword, and a text that is not a name', async () => {
        const document = await openDocument(TEXT);
        await expect(rename(document, at('Comp', 0), 'state')).rejects.toThrow(/keyword/);
        await expect(rename(document, at('Comp', 0), 'await')).rejects.toThrow(/keyword/);
        await expect(rename(document, at('Comp', 0), '2Comp')).rejects.toThrow(/not a name/);
        await expect(rename(document, at('Comp', 0), 'Comp plete')).rejects.toThrow(/not a name/);
    });

    it('refuses the name of the other machine for a machine', async () => {
        const document = await openDocument(TEXT);
        await expect(rename(document, at('Manager'), 'Caller')).rejects.toThrow(/already has a machine named Caller/);
    });

    it('prepareRename: the name range on states and machines, nothing on keywords, outcomes and functions', async () => {
        const document = await openDocument(TEXT);
        const prepare = (position: Position) => lsp.Rpcstate.lsp.RenameProvider!.prepareRename(document, { textDocument: { uri: document.uri.toString() }, position });
        const range = await prepare(at('WComp', 1, 2));
        expect(range).toEqual({ start: at('WComp', 1, 0), end: at('WComp', 1, 5) });
        expect(await prepare(at('Caller'))).toEqual({ start: at('Caller', 0, 0), end: at('Caller', 0, 6) });
        expect(await prepare(at('initial'))).toBeUndefined();
        expect(await prepare(at('success'))).toBeUndefined();
        expect(await prepare(at('RpcAsyncCancelCall'))).toBeUndefined();
    });
});
