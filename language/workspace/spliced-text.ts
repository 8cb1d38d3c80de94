/**
 * One version of a document's text, as pieces of strings: the text is made
 * one string only when something asks for all of it (`toString`), and then
 * once for this version.
 *
 * Why: a JavaScript string cannot be changed in place, so the usual text
 * document builds a new string of the whole text on every keystroke. At
 * 12 MB (50,000 states per machine) that is 12 MB of fresh memory per
 * character typed, and on these machines every fresh 4 KiB page costs a
 * page fault (11-17 µs): about 50 ms per keystroke before any parsing. A
 * re-parse of the edited state reads a few hundred characters around the
 * edit, and the checks read none, so the edit → diagnostics path needs the
 * whole string never. Requests that do (completion, formatting, code
 * actions) make it then, once per version.
 *
 * A version is a value: `splice` makes a new one and leaves this one as it
 * was. The pieces are substrings of the previous flat text and the inserted
 * texts (a substring of a flat string is a view in V8, not a copy).
 */
export class SplicedText {
    private static versions = 0;

    /** Tells versions apart: the document's log of edits names them by it (spliced-text-document.ts). */
    readonly id = ++SplicedText.versions;
    readonly length: number;
    /** The pieces in order, and where each ends in the text (a running sum). */
    private pieces: readonly string[];
    private ends: readonly number[];

    private constructor(pieces: readonly string[], ends: readonly number[], length: number) {
        this.pieces = pieces;
        this.ends = ends;
        this.length = length;
    }

    static of(text: string): SplicedText {
        return new SplicedText([text], [text.length], text.length);
    }

    /** How many pieces this version is made of (the document makes it one string past a limit). */
    get pieceCount(): number {
        return this.pieces.length;
    }

    /** The text with [start, end) replaced by `text`, as a new version; offsets are clamped into the text. */
    splice(start: number, end: number, text: string): SplicedText {
        start = clamp(start, 0, this.length);
        end = clamp(end, start, this.length);
        const pieces: string[] = [];
        const push = (piece: string) => {
            if (piece.length > 0) pieces.push(piece);
        };
        let at = 0;
        for (const piece of this.pieces) {
            const pieceEnd = at + piece.length;
            if (pieceEnd <= start) push(piece);
            else if (at < start) push(piece.substring(0, start - at));
            at = pieceEnd;
        }
        // The pieces before `start` are in; then the new text; then what follows `end`.
        push(text);
        at = 0;
        for (const piece of this.pieces) {
            const pieceEnd = at + piece.length;
            if (at >= end) push(piece);
            else if (pieceEnd > end) push(piece.substring(end - at));
            at = pieceEnd;
        }
        return SplicedText.fromPieces(pieces, this.length - (end - start) + text.length);
    }

    /** The UTF-16 code unit at `index`, as `String.prototype.charCodeAt` (NaN outside the text). */
    charCodeAt(index: number): number {
        if (!(index >= 0 && index < this.length)) return NaN;
        const p = this.pieceAt(index);
        return this.pieces[p].charCodeAt(index - this.startOf(p));
    }

    /** As `String.prototype.substring` for 0 <= start <= end <= length (other arguments are clamped). */
    substring(start: number, end: number = this.length): string {
        start = clamp(start, 0, this.length);
        end = clamp(end, 0, this.length);
        if (end < start) [start, end] = [end, start];
        if (start === end) return '';
        const first = this.pieceAt(start);
        const firstStart = this.startOf(first);
        if (end <= this.ends[first]) return this.pieces[first].substring(start - firstStart, end - firstStart);
        let result = this.pieces[first].substring(start - firstStart);
        for (let p = first + 1; p < this.pieces.length; p++) {
            const pieceStart = this.ends[p - 1];
            if (pieceStart >= end) break;
            result += end >= this.ends[p] ? this.pieces[p] : this.pieces[p].substring(0, end - pieceStart);
        }
        return result;
    }

    /** Whether `needle` occurs in the text, found without making the text one string. */
    includes(needle: string): boolean {
        if (needle.length === 0) return true;
        for (const piece of this.pieces) if (piece.includes(needle)) return true;
        // An occurrence across a cut between two pieces.
        for (let p = 0; p + 1 < this.pieces.length; p++) {
            const cut = this.ends[p];
            if (this.substring(Math.max(0, cut - needle.length + 1), Math.min(this.length, cut + needle.length - 1)).includes(needle)) return true;
        }
        return false;
    }

    /** The whole text as one string, made once for this version. */
    toString(): string {
        if (this.pieces.length !== 1) {
            const text = this.pieces.join('');
            this.pieces = [text];
            this.ends = [text.length];
        }
        return this.pieces[0];
    }

    private static fromPieces(pieces: string[], length: number): SplicedText {
        if (pieces.length === 0) return SplicedText.of('');
        const ends = new Array<number>(pieces.length);
        let at = 0;
        for (let p = 0; p < pieces.length; p++) ends[p] = at += pieces[p].length;
        if (at !== length) throw new Error(`SplicedText: pieces of ${at} characters for a text of ${length}`);
        return new SplicedText(pieces, ends, length);
    }

    /** The piece that holds `index` (0 <= index < length): a binary search of the running ends. */
    private pieceAt(index: number): number {
        let low = 0;
        let high = this.ends.length - 1;
        while (low < high) {
            const middle = (low + high) >> 1;
            if (this.ends[middle] <= index) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private startOf(piece: number): number {
        return piece === 0 ? 0 : this.ends[piece - 1];
    }
}

function clamp(value: number, low: number, high: number): number {
    return value < low ? low : value > high ? high : value;
}
