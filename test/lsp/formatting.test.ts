import { basename } from 'node:path';
import type { TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { expectFormatting } from 'langium/test';
import { describe, expect, test } from 'vitest';
import { HAS_SHARED, OWN_EXAMPLES, SHARED_EXAMPLES } from '../support/paths.js';
import { rpcstateFilesUnder } from '../support/rpcstate-files.js';
import { parse, rpcstate, sharedExample, textDocument } from './editor-services.js';
import { readFileSync } from 'node:fs';

const formatting = expectFormatting(rpcstate);
const OPTIONS = { tabSize: 4, insertSpaces: true };

async function format(text: string): Promise<string> {
    const document = await parse(text);
    const edits = await rpcstate.lsp.Formatter!.formatDocument(document, { textDocument: textDocument(document), options: OPTIONS });
    return TextDocument.applyEdits(document.textDocument, edits as TextEdit[]);
}

/** The async-call example with every gap made wrong: one line, tabs, odd spaces, extra blank lines. */
const MESSY_ASYNC_CALL = `

// The asynchronous call state of Windows RPC, as its documentation tables it.
protocol   AsyncCall "Asynchronous call state for RPC calls"
client Caller{initial state C "Make the call"{ call
\t\ton success->WComp
on exception    ->    End
            on fail ->Can }


  state Can "Cancel the call" {
invoke RpcAsyncCancelCall -> WComp }
  state WComp "Wait for completion" { await RpcCallComplete
-> Comp
      }
  state Comp "Completion" {

    invoke RpcAsyncCompleteCall
    -> End

  }
    end state End }
server Manager
{
  initial state D "Dispatch" { dispatch -> Comp
    on fatal raise -> End   // only while executing on the RPC thread
 on graceful -> A }
  state A "Abort the call" { invoke RpcAsyncAbortCall -> End }
  state Comp "Completion" { invoke RpcAsyncCompleteCall -> End }
  end state End
}`;

describe('formatting', () => {
    const examples = HAS_SHARED ? rpcstateFilesUnder(SHARED_EXAMPLES) : [];

    test.skipIf(!HAS_SHARED).each(examples.map(path => [basename(path), path]))('formatting the shared example %s changes nothing', async (_name, path) => {
        const text = readFileSync(path, 'utf8');
        expect(await format(text)).toBe(text);
    });

    test.each(rpcstateFilesUnder(OWN_EXAMPLES).map(path => [basename(path), path]))('formatting the bundled example %s changes nothing', async (_name, path) => {
        const text = readFileSync(path, 'utf8');
        expect(await format(text)).toBe(text);
    });

    test('arrows line up unless that moves one more than 12 columns: a far wider prefix keeps one space and does not widen the column', async () => {
        const state = (lines: string[]) => `protocol P\n\nclient C {\n  initial state A {\n${lines.map(line => `    ${line}\n`).join('')}  }\n\n  end state End\n}\n`;
        const before = state(['on ok -> End', 'on fatal raise -> End', 'on timeout invoke RpcAsyncCancelCall -> End', 'on graceful -> End']);
        const after = state(['on ok          -> End', 'on fatal raise -> End', 'on timeout invoke RpcAsyncCancelCall -> End', 'on graceful    -> End']);
        expect(await format(before)).toBe(after);
        // Prefixes 12 columns apart still align; 13 apart do not.
        expect(await format(state(['on ok -> End', 'on abcdefghijklmn -> End']))).toBe(state(['on ok             -> End', 'on abcdefghijklmn -> End']));
        expect(await format(state(['on ok -> End', 'on abcdefghijklmno -> End']))).toBe(state(['on ok -> End', 'on abcdefghijklmno -> End']));
    });

    test.skipIf(!HAS_SHARED)('a messy version of the async-call example formats to the example', async () => {
        await formatting({ before: MESSY_ASYNC_CALL, after: sharedExample('async-call.rpcstate') });
    });

    test.skipIf(!HAS_SHARED)('a messy polling client formats to the example, and formatting again changes nothing', async () => {
        const example = sharedExample('polling-client.rpcstate');
        const messy = example.replace(/\n {2,4}/g, '\n\t').replace(/ -> /g, '->').replace(/\n\n/g, '\n\n\n').replace(/ {\n/g, '\n{ ');
        expect(messy).not.toBe(example);
        const once = await format(messy);
        expect(once).toBe(example);
        expect(await format(once)).toBe(once);
    });

    test('comments stay where they are: own-line ones take the indentation of what follows, trailing ones keep their distance', async () => {
        await formatting({
            before: 'protocol P\n   // the client\nclient C {\n      // first\ninitial state A { call   /* why */ on success -> End    // done\n// before the default\n -> End\n    // closing remark\n }\nend state End }\n// trailer',
            after: 'protocol P\n\n// the client\nclient C {\n  // first\n  initial state A {\n    call   /* why */\n    on success -> End    // done\n    // before the default\n    -> End\n    // closing remark\n  }\n\n  end state End\n}\n// trailer\n',
        });
    });

    test('a line comment inside a transition keeps the rest of it on a continuation line', async () => {
        const before = 'protocol P\nclient C {\n  initial state A {\n    on success // note\n    -> End\n  }\n\n  end state End\n}\n';
        const after = 'protocol P\n\nclient C {\n  initial state A {\n    on success // note\n      -> End\n  }\n\n  end state End\n}\n';
        expect(await format(before)).toBe(after);
        expect(await format(after)).toBe(after);
    });

    test('formatting only moves whitespace', async () => {
        const formatted = await format(MESSY_ASYNC_CALL);
        expect(formatted.replace(/\s+/g, '')).toBe(MESSY_ASYNC_CALL.replace(/\s+/g, ''));
    });

    test('a document with a syntax error is left alone', async () => {
        const broken = 'protocol P\nclient C {\n    initial state A { -> }\n}';
        expect(await format(broken)).toBe(broken);
    });

    test('range formatting touches only the lines in the range', async () => {
        const document = await parse('protocol P\nclient C {\n      initial state A { -> End }\n      end state End\n}\n');
        const edits = await rpcstate.lsp.Formatter!.formatDocumentRange(document, {
            textDocument: textDocument(document), options: OPTIONS,
            range: { start: { line: 3, character: 0 }, end: { line: 3, character: 20 } },
        });
        expect(TextDocument.applyEdits(document.textDocument, edits as TextEdit[])).toBe('protocol P\nclient C {\n      initial state A { -> End }\n\n  end state End\n}\n');
    });

    test('typing } lays out the state it closes', async () => {
        const text = 'protocol P\nclient C {\n  initial state A {\ncall\n      -> End\n}\n\n  end state End\n}\n';
        const document = await parse(text);
        const edits = await rpcstate.lsp.Formatter!.formatDocumentOnType(document, {
            textDocument: textDocument(document), options: OPTIONS, ch: '}', position: { line: 5, character: 1 },
        });
        expect(TextDocument.applyEdits(document.textDocument, edits as TextEdit[])).toBe('protocol P\nclient C {\n  initial state A {\n    call\n    -> End\n  }\n\n  end state End\n}\n');
    });
});
