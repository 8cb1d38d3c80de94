import { EmptyFileSystem, TextDocument, URI } from 'langium';
import { describe, expect, it, vi } from 'vitest';
import type { MovableRootCstNode } from '../../language/syntax/fast-parser/movable-cst.js';
import { syntheticProtocol } from '../../scripts/bench/synthetic-protocol.js';
import { createRpcstateLanguageServices } from '../../server/rpcstate-lsp-module.js';
import { freshDiagnostics } from '../support/fresh-diagnostics.js';
import { SplicedText } from '../../language/workspace/spliced-text.js';
import { SplicedTextDocument } from '../../language/workspace/spliced-text-document.js';
import { seededRandom } from '../support/seeded-random.js';

/**
 * The language server's text document against the LSP library's: after
 * every random edit (line breaks of all three kinds among them, ranges given
 * backwards, past the end, inside a `\r\n`), the same text, line count,
 * offsets and positions; and the text itself against plain string splicing.
 */
const ALPHABET = ['a', 'b', ' ', '\n', '\r\n', '\r', 'state X {', '}', '"é"', '\u{1F600}'];

function randomText(random: () => number, pieces: number): string {
    let text = '';
    for (let i = 0; i < pieces; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
    return text;
}

describe('SplicedText', () => {
    it('reads, searches and flattens as the string it stands for, over random splices', () => {
        const random = seededRandom(4_242);
        for (let round = 0; round < 40; round++) {
            let plain = randomText(random, 30);
            let spliced = SplicedText.of(plain);
            for (let i = 0; i < 60; i++) {
                const start = Math.floor(random() * (plain.length + 1));
                const end = Math.min(plain.length, start + Math.floor(random() * 6));
                const insert = random() < 0.3 ? '' : randomText(random, 1 + Math.floor(random() * 3));
                plain = plain.slice(0, start) + insert + plain.slice(end);
                spliced = spliced.splice(start, end, insert);
                expect(spliced.length).toBe(plain.length);
                const a = Math.floor(random() * (plain.length + 1));
                const b = Math.floor(random() * (plain.length + 1));
                expect(spliced.substring(a, b)).toBe(plain.substring(a, b));
                expect(spliced.charCodeAt(a)).toEqual(plain.charCodeAt(a));
                const needle = plain.substring(a, Math.min(plain.length, a + 1 + Math.floor(random() * 5)));
                expect(spliced.includes(needle)).toBe(true);
                expect(spliced.includes('state X {}')).toBe(plain.includes('state X {}'));
            }
            expect(spliced.pieceCount).toBeGreaterThan(1);
            expect(spliced.toString()).toBe(plain);
            expect(spliced.pieceCount).toBe(1);
        }
    });

    it('finds what a deletion or an insertion makes, after learning the flat text lacks it', () => {
        const first = SplicedText.of('// rpcstate-ignore-nextX-line');
        expect(first.includes('rpcstate-ignore-next-line')).toBe(false);
        // Two pieces of the flat text joined across a cut.
        expect(first.splice(23, 24, '').includes('rpcstate-ignore-next-line')).toBe(true);
        expect(first.splice(23, 25, '-').includes('rpcstate-ignore-next-line')).toBe(true);
        expect(first.splice(first.length, first.length, ' // rpcstate-ignore-next-line').includes('rpcstate-ignore-next-line')).toBe(true);
        expect(first.splice(0, 3, '').includes('rpcstate-ignore-next-line')).toBe(false);
    });

    it('leaves the version it was spliced from as it was', () => {
        const first = SplicedText.of('client C { }');
        const second = first.splice(7, 8, 'X');
        expect(first.toString()).toBe('client C { }');
        expect(second.toString()).toBe('client X { }');
        expect(second.id).not.toBe(first.id);
    });
});

describe('SplicedTextDocument', () => {
    it('answers as the LSP library text document after every random incremental change', () => {
        const random = seededRandom(77);
        for (let round = 0; round < 30; round++) {
            const initial = randomText(random, 40);
            const reference = TextDocument.create('file:///a.rpcstate', 'rpcstate', 1, initial);
            const spliced = new SplicedTextDocument('file:///a.rpcstate', 'rpcstate', 1, initial);
            for (let version = 2; version < 60; version++) {
                const position = () => ({ line: Math.floor(random() * (reference.lineCount + 1)) - (random() < 0.05 ? 1 : 0), character: Math.floor(random() * 8) });
                const changes = random() < 0.03
                    ? [{ text: randomText(random, 20) }]
                    : [{ range: { start: position(), end: position() }, text: random() < 0.3 ? '' : randomText(random, 1 + Math.floor(random() * 3)) }];
                TextDocument.update(reference, changes, version);
                spliced.update(changes, version);
                expect(spliced.version).toBe(version);
                expect(spliced.lineCount).toBe(reference.lineCount);
                for (let probe = 0; probe < 5; probe++) {
                    const p = position();
                    expect(spliced.offsetAt(p)).toBe(reference.offsetAt(p));
                    const offset = Math.floor(random() * (reference.getText().length + 2)) - 1;
                    expect(spliced.positionAt(offset)).toEqual(reference.positionAt(offset));
                    const range = { start: position(), end: position() };
                    expect(spliced.getText(range)).toBe(reference.getText(range));
                    const line = p.line + (random() < 0.1 ? reference.lineCount : 0);
                    expect(spliced.getLineRange(line)).toEqual(reference.getLineRange(line));
                    expect(spliced.getEOLCharacters(line)).toBe(reference.getEOLCharacters(line));
                }
            }
            expect(spliced.getText()).toBe(reference.getText());
        }
    });

    it('tells what changed since an earlier version from its log, without the whole texts', () => {
        const document = new SplicedTextDocument('file:///a.rpcstate', 'rpcstate', 1, 'client C {\n  state A { }\n}\n');
        const parsed = document.text;
        expect(document.changeSince(parsed)).toEqual({ start: 0, oldEnd: 0, newEnd: 0 });
        document.update([{ range: { start: { line: 1, character: 9 }, end: { line: 1, character: 9 } }, text: 'BC' }], 2);
        document.update([{ range: { start: { line: 1, character: 10 }, end: { line: 1, character: 11 } }, text: '' }], 3);
        const region = document.changeSince(parsed)!;
        const before = parsed.toString();
        const after = document.getText();
        expect(after).toBe('client C {\n  state AB { }\n}\n');
        // Outside the region the two texts are the same.
        expect(before.slice(0, region.start) + after.slice(region.start, region.newEnd) + before.slice(region.oldEnd)).toBe(after);
        // A whole-text change leaves nothing to tell.
        document.update([{ text: 'client D { }' }], 4);
        expect(document.changeSince(parsed)).toBeUndefined();
    });

    it('puts any run of logged edits together into one region outside which the texts agree', () => {
        const random = seededRandom(5);
        for (let round = 0; round < 200; round++) {
            const document = new SplicedTextDocument('file:///a.rpcstate', 'rpcstate', 1, randomText(random, 30));
            const older = document.text;
            const before = older.toString();
            for (let i = 0; i < 1 + Math.floor(random() * 5); i++) {
                const offset = () => document.positionAt(Math.floor(random() * (document.text.length + 1)));
                document.update([{ range: { start: offset(), end: offset() }, text: randomText(random, Math.floor(random() * 3)) }], i + 2);
            }
            const after = document.getText();
            const region = document.changeSince(older)!;
            expect(region.start).toBeLessThanOrEqual(Math.min(region.oldEnd, region.newEnd));
            expect(before.slice(0, region.start)).toBe(after.slice(0, region.start));
            expect(before.slice(region.oldEnd)).toBe(after.slice(region.newEnd));
        }
    });
});

describe('an edit inside a state, in the language server', () => {
    it('reaches its diagnostics from the log of edits without ever making the text one string', async () => {
        const editor = createRpcstateLanguageServices(EmptyFileSystem);
        const fresh = createRpcstateLanguageServices(EmptyFileSystem);
        const { TextDocuments, LangiumDocuments, DocumentBuilder } = editor.shared.workspace;
        const uri = 'file:///editor/synthetic.rpcstate';
        let text = syntheticProtocol(400);
        const textDocument = new SplicedTextDocument(uri, 'rpcstate', 1, text);
        TextDocuments!.set(textDocument);
        // Opened as the server opens a document: the builder creates and parses it.
        await DocumentBuilder.update([URI.parse(uri)], []);
        const document = LangiumDocuments.getDocument(URI.parse(uri))!;

        // Made one string: a version of more than one piece asked for its whole text.
        const toString = SplicedText.prototype.toString;
        const made: number[] = [];
        const flattened = vi.spyOn(SplicedText.prototype, 'toString').mockImplementation(function (this: SplicedText) {
            if (this.pieceCount > 1) made.push(this.pieceCount);
            return toString.call(this);
        });
        try {
            // Typing into a description, and into a transition's target (which changes the findings), then deleting again.
            const lines = text.split('\n');
            const description = lines.findIndex(l => l.startsWith('  state W20 "'));
            const target = lines.findIndex(l => l.startsWith('    -> P30'));
            const sites = [{ line: description, character: lines[description].indexOf('"') + 1 }, { line: target, character: lines[target].length }];
            let version = 1;
            for (const site of sites) {
                for (const typed of ['x', 'y', '']) {
                    const range = typed === '' ? { start: site, end: { line: site.line, character: site.character + 2 } } : { start: site, end: site };
                    const offset = textDocument.offsetAt(range.start);
                    text = text.slice(0, offset) + typed + text.slice(textDocument.offsetAt(range.end));
                    textDocument.update([{ range, text: typed }], ++version);
                    await DocumentBuilder.update([URI.parse(uri)], []);
                    const root = document.parseResult.value.$cstNode!.root as MovableRootCstNode;
                    expect(root.textSource, 'the parse read the current version').toBe(textDocument.text);
                    expect(made, 'versions made one string').toEqual([]);
                    expect(textDocument.text.pieceCount).toBeGreaterThan(1);
                    expect(document.diagnostics).toEqual(await freshDiagnostics(fresh, text, uri));
                }
            }
        } finally {
            flattened.mockRestore();
        }
        expect(document.textDocument.getText()).toBe(text);
    }, 60_000);
});
