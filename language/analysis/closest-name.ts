/** A candidate name and its edit distance to the name looked up (case ignored). */
export interface NearName {
    readonly name: string;
    readonly distance: number;
}

/**
 * Every candidate near enough to `name` to be a likely typo, nearest first (ties in the candidates' order).
 *
 * An unknown target is looked up among all of a machine's state names (50,000
 * on the largest benchmarks), so the loop allocates nothing per candidate: the
 * name is lowercased once, a candidate too long or too short is skipped before
 * its letters are read, and the edit distance runs on reused rows, only
 * within `limit` of the diagonal, and stops once a whole row is past `limit`.
 */
export function nearNames(name: string, candidates: Iterable<string> | FoldedNames): NearName[] {
    const limit = Math.max(2, Math.floor(name.length / 3));
    const near: NearName[] = [];
    const target = new BoundedDistance(name.toLowerCase(), limit);
    if (candidates instanceof FoldedNames) {
        const { names, lengths, start, units } = candidates;
        for (let c = 0; c < names.length; c++) {
            if (Math.abs(lengths[c] - name.length) > limit) continue;
            const distance = target.distance(units, start[c], start[c + 1] - start[c]);
            if (distance <= limit) near.push({ name: names[c], distance });
        }
    } else {
        for (const candidate of candidates) {
            if (Math.abs(candidate.length - name.length) > limit) continue;
            const distance = target.to(candidate);
            if (distance <= limit) near.push({ name: candidate, distance });
        }
    }
    return near.sort((a, b) => a.distance - b.distance);
}

/** The candidate nearest to `name` by edit distance, if it is near enough to be a likely typo. */
export function closestName(name: string, candidates: Iterable<string> | FoldedNames): string | undefined {
    return nearNames(name, candidates)[0]?.name;
}

/**
 * Candidates prepared for many look-ups: their lowercased code units one
 * after the other in one array, and their lengths. In the language server a
 * machine's 50,000 state names are strings spread over a heap of hundreds of
 * MiB; reading each of them for every unknown target cost more than the edit
 * distances. A machine's names table builds this once (`StateNames`), and
 * keeps it while the names stay the same.
 */
export class FoldedNames {
    /** The candidates, in order. */
    readonly names: readonly string[];
    /** Each candidate's length as written (the length filter's). */
    readonly lengths: Int32Array;
    /** Candidate c's lowercased code units are units[start[c]] .. units[start[c + 1] - 1]. */
    readonly start: Int32Array;
    readonly units: Uint16Array;

    constructor(names: readonly string[]) {
        const count = names.length;
        this.names = names;
        this.lengths = new Int32Array(count);
        this.start = new Int32Array(count + 1);
        // Names with a letter beyond ASCII are lowercased by toLowerCase, which may change their length.
        const lowered = new Map<number, string>();
        for (let c = 0; c < count; c++) {
            const candidate = names[c];
            this.lengths[c] = candidate.length;
            let length = candidate.length;
            if (!isAscii(candidate)) {
                const lower = candidate.toLowerCase();
                lowered.set(c, lower);
                length = lower.length;
            }
            this.start[c + 1] = this.start[c] + length;
        }
        this.units = new Uint16Array(this.start[count]);
        for (let c = 0; c < count; c++) {
            const lower = lowered.get(c);
            if (lower !== undefined) {
                for (let j = 0; j < lower.length; j++) this.units[this.start[c] + j] = lower.charCodeAt(j);
            } else {
                foldAscii(names[c], this.units, this.start[c]);
            }
        }
    }
}

function isAscii(text: string): boolean {
    for (let j = 0; j < text.length; j++) if (text.charCodeAt(j) >= ASCII_END) return false;
    return true;
}

/** An ASCII text's code units, lowercased, into `units` from `at`. */
function foldAscii(text: string, units: Uint16Array, at: number): void {
    for (let j = 0; j < text.length; j++) {
        const c = text.charCodeAt(j);
        units[at + j] = c >= A && c <= Z ? c + LOWER : c;
    }
}

/**
 * The correction a tool may make without asking (`rpcstate check --fix`):
 * the one candidate equal to the name but for case; or else the one
 * candidate a single slip away (a letter missing, extra or wrong) when no
 * other is within two. Otherwise (WCmp is one slip from both WComp and
 * Comp; Retry is two from Ready) the name may be meant as another one, or
 * as a new one: a person decides.
 */
export function unmistakableName(name: string, candidates: Iterable<string>): string | undefined {
    const [best, runnerUp] = nearNames(name, new Set(candidates));
    if (best?.distance === 0) return runnerUp?.distance === 0 ? undefined : best.name;
    return best?.distance === 1 && (runnerUp === undefined || runnerUp.distance > 2) ? best.name : undefined;
}

const A = 65;
const Z = 90;
const LOWER = 32;
const ASCII_END = 128;

/**
 * The Levenshtein distance (in UTF-16 code units, as `toLowerCase` gives them)
 * from one lowercased name to candidates, exact up to `limit` and `limit + 1`
 * for anything farther. A path through the table that leaves the band
 * |i - j| <= limit costs more than `limit`, so cells outside it are treated as
 * `limit + 1`; a row whose every cell is past `limit` ends the search.
 */
class BoundedDistance {
    private readonly from: Uint16Array;
    private to16 = new Uint16Array(16);
    private previous = new Int32Array(16);
    private current = new Int32Array(16);

    constructor(lowered: string, private readonly limit: number) {
        this.from = new Uint16Array(lowered.length);
        for (let i = 0; i < lowered.length; i++) this.from[i] = lowered.charCodeAt(i);
    }

    to(candidate: string): number {
        const m = this.load(candidate); // first: it may replace to16 by a longer array
        return this.distance(this.to16, 0, m);
    }

    /** The distance to the lowercased code units b[at] .. b[at + m - 1]. */
    distance(b: Uint16Array, at: number, m: number): number {
        this.ensure(m);
        const a = this.from;
        const n = a.length;
        const k = this.limit;
        const far = k + 1;
        if (Math.abs(m - n) > k) return far;
        let previous = this.previous;
        let current = this.current;
        const top = Math.min(m, k);
        for (let j = 0; j <= top; j++) previous[j] = j;
        if (top < m) previous[top + 1] = far;
        for (let i = 1; i <= n; i++) {
            const lo = Math.max(1, i - k);
            const hi = Math.min(m, i + k);
            current[lo - 1] = lo === 1 ? i : far;
            let best = current[lo - 1];
            const ai = a[i - 1];
            for (let j = lo; j <= hi; j++) {
                const substitution = previous[j - 1] + (ai === b[at + j - 1] ? 0 : 1);
                const deletion = previous[j] + 1;
                const insertion = current[j - 1] + 1;
                let d = substitution < deletion ? substitution : deletion;
                if (insertion < d) d = insertion;
                if (d > far) d = far;
                current[j] = d;
                if (d < best) best = d;
            }
            if (hi < m) current[hi + 1] = far;
            if (best > k) return far;
            const swap = previous;
            previous = current;
            current = swap;
        }
        return previous[m];
    }

    /** The candidate's lowercased code units into `to16` (ASCII folded in place; anything else through `toLowerCase`); its length. */
    private load(candidate: string): number {
        const length = candidate.length;
        this.ensure(length);
        for (let j = 0; j < length; j++) {
            const c = candidate.charCodeAt(j);
            if (c >= ASCII_END) return this.loadLowered(candidate.toLowerCase());
            this.to16[j] = c >= A && c <= Z ? c + LOWER : c;
        }
        return length;
    }

    private loadLowered(lowered: string): number {
        this.ensure(lowered.length);
        for (let j = 0; j < lowered.length; j++) this.to16[j] = lowered.charCodeAt(j);
        return lowered.length;
    }

    private ensure(length: number): void {
        if (length + 2 <= this.to16.length) return;
        const size = Math.max(length + 2, this.to16.length * 2);
        this.to16 = new Uint16Array(size);
        this.previous = new Int32Array(size);
        this.current = new Int32Array(size);
    }
}
