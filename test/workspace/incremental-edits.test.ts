import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { LangiumDocument, ParseResult } from 'langium';
import { EmptyFileSystem, TextDocument, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import type { FastRpcstateParser } from '../../language/syntax/fast-parser/fast-langium-parser.js';
import { syntheticProtocol } from '../../scripts/bench/synthetic-protocol.js';
import { createRpcstateLanguageServices } from '../../server/rpcstate-lsp-module.js';
import { HAS_SHARED, OWN_EXAMPLES, REPO_ROOT, SHARED_EXAMPLES } from '../support/paths.js';
import { FUZZ_TOKENS } from '../support/random-edit.js';
import { rpcstateFilesUnder } from '../support/rpcstate-files.js';
import { freshDiagnostics } from '../support/fresh-diagnostics.js';
import { seededRandom } from '../support/seeded-random.js';
import { SplicedText } from '../../language/workspace/spliced-text.js';
import { SplicedTextDocument } from '../../language/workspace/spliced-text-document.js';

/**
 * The editor's incremental path against the full rebuild. One server's
 * services take random edits of each file as didChange would (the document is
 * updated and rebuilt: the edited machine re-parsed alone when possible, the
 * results of unchanged machines kept); after each edit its diagnostics must
 * equal those a fresh set of services computes from the whole text.
 */
const editor = createRpcstateLanguageServices(EmptyFileSystem);
const fresh = createRpcstateLanguageServices(EmptyFileSystem);
const parser = editor.Rpcstate.parser.LangiumParser as unknown as FastRpcstateParser;
let reparsed = 0;
const reparse = parser.reparse.bind(parser);
parser.reparse = (previous: ParseResult, text: string) => {
    const result = reparse(previous, text);
    if (result) reparsed++;
    return result;
};
// The language server's path: the edit from the SplicedTextDocument's log, never the two whole texts.
let loggedReparses = 0;
const reparseEdit = parser.reparseEdit.bind(parser);
parser.reparseEdit = (...args: Parameters<typeof reparseEdit>) => {
    const result = reparseEdit(...args);
    if (result && args[1].after instanceof SplicedText) loggedReparses++;
    return result;
};

const files = [...(HAS_SHARED ? rpcstateFilesUnder(SHARED_EXAMPLES) : []), ...rpcstateFilesUnder(OWN_EXAMPLES)];
const EDITS_PER_FILE = 24;

/** The LSP position of `offset` in `text` (lines end at `\n`, `\r\n` or `\r`, as the LSP library counts them). */
function positionAt(text: string, offset: number): { line: number; character: number } {
    return TextDocument.create('file:///position', 'rpcstate', 0, text).positionAt(offset);
}

/** A character typed or deleted, or a fuzzer token, mostly inside a machine (where the incremental path applies): [at, end) becomes `insert`. */
function edit(random: () => number, text: string): { at: number; end: number; insert: string } {
    const machineStart = text.search(/\b(client|server)\b/);
    const from = machineStart < 0 || random() < 0.1 ? 0 : machineStart + 1;
    const at = from + Math.floor(random() * (text.length - from));
    const roll = random();
    if (roll < 0.35) return { at, end: Math.min(text.length, at + 1 + Math.floor(random() * 3)), insert: '' };
    if (roll < 0.7) return { at, end: at, insert: 'abEx_0 \n'[Math.floor(random() * 8)] };
    return { at, end: at, insert: FUZZ_TOKENS[Math.floor(random() * FUZZ_TOKENS.length)] };
}

describe('incremental edits against the full rebuild', () => {
    // As a client sends them: the whole text each time, or (as VS Code does) the changed range into the server's SplicedTextDocument.
    for (const sync of ['whole text', 'incremental changes'] as const) {
        it(`publishes the same diagnostics as a fresh whole analysis after every random edit (${sync})`, async () => {
            const inputs = files.map(file => ({ name: relative(REPO_ROOT, file), text: readFileSync(file, 'utf8') }));
            inputs.push({ name: 'synthetic protocol of 100 states per machine', text: syntheticProtocol(100) });
            const { TextDocuments, LangiumDocuments, DocumentBuilder } = editor.shared.workspace;
            const reparsedBefore = reparsed + loggedReparses;
            let edits = 0;
            for (const [index, input] of inputs.entries()) {
                const random = seededRandom(9_100 + index);
                const uri = `file:///editor/${sync === 'whole text' ? 'whole' : 'spliced'}${index}.rpcstate`;
                let text = input.text;
                let version = 1;
                const spliced = new SplicedTextDocument(uri, 'rpcstate', version, text);
                TextDocuments!.set(sync === 'whole text' ? TextDocument.create(uri, 'rpcstate', version, text) : spliced);
                const document: LangiumDocument = LangiumDocuments.getDocument(URI.parse(uri)) ?? LangiumDocuments.createDocument(URI.parse(uri), text);
                await DocumentBuilder.build([document], { validation: true });
                for (let i = 0; i < EDITS_PER_FILE; i++) {
                    // Now and then two or three changes reach the server before it rebuilds (typing fast), one message or several.
                    const together = sync === 'incremental changes' && i % 4 !== 3 && random() < 0.3 ? 2 + Math.floor(random() * 2) : 1;
                    const changes = [];
                    for (let c = 0; c < together; c++) {
                        const change = i % 4 === 3 ? { at: 0, end: text.length, insert: input.text } : edit(random, text);
                        changes.push({ range: { start: positionAt(text, change.at), end: positionAt(text, change.end) }, text: change.insert });
                        text = text.slice(0, change.at) + change.insert + text.slice(change.end);
                    }
                    version++;
                    if (sync === 'whole text') TextDocuments!.set(TextDocument.create(uri, 'rpcstate', version, text));
                    if (random() < 0.5) spliced.update(changes, version);
                    else for (const change of changes) spliced.update([change], version);
                    await DocumentBuilder.update([URI.parse(uri)], []);
                    edits++;
                    expect(document.textDocument.getText()).toBe(text);
                    expect(document.diagnostics, `${input.name}, edit ${i}`).toEqual(await freshDiagnostics(fresh, text, uri));
                }
                await DocumentBuilder.update([], [URI.parse(uri)]);
            }
            // The incremental path must be well exercised for the comparison to mean something.
            expect(reparsed + loggedReparses - reparsedBefore).toBeGreaterThan(edits / 8);
            if (sync === 'incremental changes') expect(loggedReparses).toBeGreaterThan(edits / 8);
        }, 120_000);
    }
});
