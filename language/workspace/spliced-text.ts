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
    /** The pieces in order, where each ends in the text (a running sum), and which came from inserted text rather than `origin`. */
    private pieces: readonly string[];
    private ends: readonly number[];
    private inserted: readonly boolean[];
    private origin: Origin;

    private constructor(pieces: readonly string[], ends: readonly number[], inserted: readonly boolean[], length: number, origin: Origin) {
        this.pieces = pieces;
        this.ends = ends;
        this.inserted = inserted;
        this.length = length;
        this.origin = origin;
    }

    static of(text: string): SplicedText {
        return new SplicedText([text], [text.length], [false], text.length, { text, absent: new Set() });
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
        const inserted: boolean[] = [];
        const push = (piece: string, isInserted: boolean) => {
            if (piece.length === 0) return;
            pieces.push(piece);
            inserted.push(isInserted);
        };
        let at = 0;
        for (let p = 0; p < this.pieces.length; p++) {
            const piece = this.pieces[p];
            const pieceEnd = at + piece.length;
            if (pieceEnd <= start) push(piece, this.inserted[p]);
            else if (at < start) push(piece.substring(0, start - at), this.inserted[p]);
            at = pieceEnd;
        }
        // The pieces before `start` are in; then the new text; then what follows `end`.
        push(text, true);
        at = 0;
        for (let p = 0; p < this.pieces.length; p++) {
            const piece = this.pieces[p];
            const pieceEnd = at + piece.length;
            if (at >= end) push(piece, this.inserted[p]);
            else if (pieceEnd > end) push(piece.substring(end - at), this.inserted[p]);
            at = pieceEnd;
        }
        const length = this.length - (end - start) + text.length;
        if (pieces.length === 0) return SplicedText.of('');
        const ends = new Array<number>(pieces.length);
        at = 0;
        for (let p = 0; p < pieces.length; p++) ends[p] = at += pieces[p].length;
        if (at !== length) throw new Error(`SplicedText: pieces of ${at} characters for a text of ${length}`);
        return new SplicedText(pieces, ends, inserted, length, this.origin);
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

    /**
     * Whether `needle` occurs in the text, found without making the text one
     * string. What the flat text the pieces were cut from lacks, none of
     * those pieces has: that is learnt once per flat text (the suppression
     * search asks on every keystroke), then only inserted pieces and the
     * cuts are searched.
     */
    includes(needle: string): boolean {
        if (needle.length === 0) return true;
        let originLacks = this.origin.absent.has(needle);
        if (!originLacks && !this.origin.text.includes(needle)) {
            this.origin.absent.add(needle);
            originLacks = true;
        }
        for (let p = 0; p < this.pieces.length; p++) if ((this.inserted[p] || !originLacks) && this.pieces[p].includes(needle)) return true;
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
            this.inserted = [false];
            this.origin = { text, absent: new Set() };
        }
        return this.pieces[0];
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

/** The one string a version's pieces (but the inserted ones) were cut from, and the needles known not to occur in it; shared by the versions spliced from it. */
interface Origin {
    readonly text: string;
    readonly absent: Set<string>;
}

function clamp(value: number, low: number, high: number): number {
    return value < low ? low : value > high ? high : value;
}
