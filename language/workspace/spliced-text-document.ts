import type { Position, Range, TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import type { TextDocument } from 'langium';
import { SplicedText } from './spliced-text.js';

/** Where two versions differ: [start, oldEnd) of the older became [start, newEnd) of the newer. */
export interface ChangedRegion {
    readonly start: number;
    readonly oldEnd: number;
    readonly newEnd: number;
}

interface LoggedEdit extends ChangedRegion {
    readonly from: number;
    readonly to: number;
}

/** How many pieces a version may have before the document makes it one string (each costs a step in every read). */
const MAX_PIECES = 64;
/** How many edits back a parse may be and still learn what changed from the log. */
const LOGGED_EDITS = 32;

/**
 * The language server's open document: the LSP `TextDocument` of
 * vscode-languageserver-textdocument (same positions, offsets, line
 * breaks and incremental updates; test/workspace/spliced-text-document.test.ts
 * holds the two equal), but its text is a `SplicedText`, so an edit does
 * not build the whole text anew (see spliced-text.ts). It also logs the last
 * edits by version, so the document factory can tell a re-parse what
 * changed since the text it parsed without comparing two whole texts.
 */
export class SplicedTextDocument implements TextDocument {
    private current: SplicedText;
    private lineOffsets: number[] | undefined;
    private log: LoggedEdit[] = [];

    constructor(readonly uri: string, readonly languageId: string, private versionNumber: number, content: string) {
        this.current = SplicedText.of(content);
    }

    get version(): number {
        return this.versionNumber;
    }

    /** The text of this version, as pieces. */
    get text(): SplicedText {
        return this.current;
    }

    get lineCount(): number {
        return this.getLineOffsets().length;
    }

    getText(range?: Range): string {
        if (!range) return this.current.toString();
        return this.current.substring(this.offsetAt(range.start), this.offsetAt(range.end));
    }

    positionAt(offset: number): Position {
        offset = Math.max(Math.min(offset, this.current.length), 0);
        const lineOffsets = this.getLineOffsets();
        let low = 0;
        let high = lineOffsets.length;
        if (high === 0) return { line: 0, character: offset };
        while (low < high) {
            const middle = Math.floor((low + high) / 2);
            if (lineOffsets[middle] > offset) high = middle;
            else low = middle + 1;
        }
        const line = low - 1;
        offset = this.beforeLineBreak(offset, lineOffsets[line]);
        return { line, character: offset - lineOffsets[line] };
    }

    offsetAt(position: Position): number {
        const lineOffsets = this.getLineOffsets();
        if (position.line >= lineOffsets.length) return this.current.length;
        if (position.line < 0) return 0;
        const lineOffset = lineOffsets[position.line];
        if (position.character <= 0) return lineOffset;
        const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this.current.length;
        return this.beforeLineBreak(Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
    }

    /** The line without its line break (past the last line: the rest of the text after the last line's start). */
    getLineRange(line: number): Range {
        const lineOffsets = this.getLineOffsets();
        if (line >= lineOffsets.length) {
            const last = lineOffsets.length - 1;
            return { start: { line: last, character: 0 }, end: { line: last, character: this.current.length - lineOffsets[last] } };
        }
        if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        const start = lineOffsets[line];
        const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.current.length;
        return { start: { line, character: 0 }, end: { line, character: this.beforeLineBreak(next, start) - start } };
    }

    /** The line break that ends the line (empty for the last line and outside the text). */
    getEOLCharacters(line: number): string {
        const lineOffsets = this.getLineOffsets();
        if (line < 0 || line >= lineOffsets.length) return '';
        const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.current.length;
        return this.current.substring(this.beforeLineBreak(next, lineOffsets[line]), next);
    }

    /**
     * The region where this version differs from `older`, an earlier version
     * of this document, put together from the logged edits; undefined when
     * `older` is not among the logged versions (or a whole-text change came
     * between). `older` itself when nothing changed is an empty region.
     */
    changeSince(older: SplicedText): ChangedRegion | undefined {
        if (older === this.current) return { start: 0, oldEnd: 0, newEnd: 0 };
        const first = this.log.findIndex(edit => edit.from === older.id);
        if (first < 0) return undefined;
        let region: ChangedRegion | undefined;
        for (let i = first; i < this.log.length; i++) {
            const edit = this.log[i];
            if (i > first && this.log[i - 1].to !== edit.from) return undefined;
            region = region ? combine(region, edit) : edit;
        }
        return this.log[this.log.length - 1].to === this.current.id ? region : undefined;
    }

    /** Applies LSP content changes in order (the `TextDocuments` manager calls it through `SplicedTextDocuments`). */
    update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
        for (const change of changes) {
            if ('range' in change) this.applyRangeChange(change.range, change.text);
            else {
                this.current = SplicedText.of(change.text);
                this.lineOffsets = undefined;
                this.log = [];
            }
        }
        if (this.current.pieceCount > MAX_PIECES) this.current.toString();
        this.versionNumber = version;
    }

    private applyRangeChange(range: Range, text: string): void {
        const { start, end } = wellFormed(range);
        const startOffset = this.offsetAt(start);
        const endOffset = this.offsetAt(end);
        const before = this.current;
        this.current = before.splice(startOffset, endOffset, text);
        this.log.push({ from: before.id, to: this.current.id, start: startOffset, oldEnd: endOffset, newEnd: startOffset + text.length });
        if (this.log.length > LOGGED_EDITS) this.log.shift();

        // The line offsets follow the edit, unless it joined or split a `\r\n` (then they are counted again when next asked for).
        const insertedEnd = startOffset + text.length;
        const crlfAt = (offset: number) => this.current.charCodeAt(offset - 1) === CR && this.current.charCodeAt(offset) === LF;
        if (!this.lineOffsets || crlfAt(startOffset) || crlfAt(insertedEnd)) {
            this.lineOffsets = undefined;
            return;
        }
        const lineOffsets = this.lineOffsets;
        const startLine = Math.max(start.line, 0);
        const endLine = Math.max(end.line, 0);
        const added = lineStarts(text, false, startOffset);
        if (endLine - startLine === added.length) {
            for (let i = 0; i < added.length; i++) lineOffsets[startLine + 1 + i] = added[i];
        } else if (added.length < 10_000) {
            lineOffsets.splice(startLine + 1, endLine - startLine, ...added);
        } else {
            this.lineOffsets = lineOffsets.slice(0, startLine + 1).concat(added, lineOffsets.slice(endLine + 1));
        }
        const delta = text.length - (endOffset - startOffset);
        if (delta !== 0) {
            const offsets = this.lineOffsets;
            for (let i = startLine + 1 + added.length; i < offsets.length; i++) offsets[i] += delta;
        }
    }

    private getLineOffsets(): number[] {
        return this.lineOffsets ??= lineStarts(this.current.toString(), true, 0);
    }

    /** `offset` moved back before a line break it would split or include (as the LSP library's `ensureBeforeEOL`). */
    private beforeLineBreak(offset: number, lineOffset: number): number {
        while (offset > lineOffset && isLineBreak(this.current.charCodeAt(offset - 1))) offset--;
        return offset;
    }
}

/** The `TextDocuments` configuration that makes the open documents `SplicedTextDocument`s. */
export const SplicedTextDocuments: TextDocumentsConfiguration<SplicedTextDocument> = {
    create: (uri, languageId, version, content) => new SplicedTextDocument(uri, languageId, version, content),
    update: (document, changes, version) => {
        document.update(changes, version);
        return document;
    },
};

const CR = 13;
const LF = 10;

function isLineBreak(code: number): boolean {
    return code === CR || code === LF;
}

/**
 * The offsets where lines start in `text` (after `\r\n`, `\r` or `\n`),
 * shifted by `base`; the first line's 0 only when asked. Found with
 * `indexOf`, not a character at a time: the first edit of a 12 MB document
 * counts its lines, and the character loop took 150 ms of it.
 */
function lineStarts(text: string, withFirst: boolean, base: number): number[] {
    const starts: number[] = withFirst ? [base] : [];
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf >= 0 || cr >= 0) {
        if (cr < 0 || (lf >= 0 && lf < cr)) {
            starts.push(base + lf + 1);
            lf = text.indexOf('\n', lf + 1);
            continue;
        }
        // A `\r`, alone or the first half of `\r\n` (one line break).
        if (lf === cr + 1) {
            starts.push(base + lf + 1);
            lf = text.indexOf('\n', lf + 1);
        } else {
            starts.push(base + cr + 1);
        }
        cr = text.indexOf('\r', cr + 1);
    }
    return starts;
}

function wellFormed(range: Range): Range {
    const { start, end } = range;
    return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** Two edits one after the other as one region of the first one's text. */
function combine(first: ChangedRegion, second: ChangedRegion): ChangedRegion {
    const start = Math.min(first.start, second.start);
    // The end of both in the text between them: past the first edit's new text and the second's old one.
    const middleEnd = Math.max(first.newEnd, second.oldEnd);
    return { start, oldEnd: middleEnd - (first.newEnd - first.oldEnd), newEnd: middleEnd + (second.newEnd - second.oldEnd) };
}
