/**
 * The joint points found so far, numbered in the order found: three integers
 * per point (client state, server state, facts) in typed arrays, and an
 * open-addressing hash table to find a point again. No string or object per
 * point. The per-point arrays are allocated once for the most points there
 * can be (fresh memory the system only provides as it is written, so a small
 * space costs little); the table grows by doubling and holds each point's
 * key beside its number, so a lookup reads one place of memory, not four.
 *
 * Facts pack the current call: request * 4 + reply * 2 + cancelled, where
 * request is 0 (none), 1 (a call naming no procedure) or 2 + the procedure's number.
 */
export class JointPointStore {
    count = 0;
    readonly client: Int32Array;
    readonly server: Int32Array;
    readonly facts: Int32Array;
    /** The point this one was first reached from (-1 for the start). */
    readonly parent: Int32Array;
    /** The move that first reached it: transition number * 2 + (1 for the server); -1 for the start. */
    readonly via: Int32Array;
    /** Four integers per slot: point number + 1 (0: empty), client state, server state, facts. */
    private table: Int32Array;
    private mask: number;

    constructor(readonly capacity: number) {
        this.client = new Int32Array(capacity);
        this.server = new Int32Array(capacity);
        this.facts = new Int32Array(capacity);
        this.parent = new Int32Array(capacity);
        this.via = new Int32Array(capacity);
        // Room for the first half-million points without a rehash, less when fewer can exist.
        let slots = 1024;
        while (slots < 2 * capacity && slots < 1 << 20) slots *= 2;
        this.table = new Int32Array(slots * 4);
        this.mask = slots - 1;
    }

    /** The number of the point, adding it (reached from `parent` by `via`) if it is new; -1 if it is new and the store is full. */
    findOrAdd(c: number, s: number, f: number, parent: number, via: number): number {
        const table = this.table;
        let slot = hash(c, s, f) & this.mask;
        for (;;) {
            const at = slot * 4;
            const entry = table[at];
            if (entry === 0) break;
            if (table[at + 1] === c && table[at + 2] === s && table[at + 3] === f) return entry - 1;
            slot = (slot + 1) & this.mask;
        }
        if (this.count === this.capacity) return -1;
        const id = this.count++;
        this.client[id] = c;
        this.server[id] = s;
        this.facts[id] = f;
        this.parent[id] = parent;
        this.via[id] = via;
        place(table, slot * 4, id, c, s, f);
        if (this.count * 2 > this.mask + 1) this.rehash();
        return id;
    }

    /** A table twice as large, every point placed again. */
    private rehash(): void {
        const slots = (this.mask + 1) * 2;
        const table = new Int32Array(slots * 4);
        const mask = slots - 1;
        for (let id = 0; id < this.count; id++) {
            const c = this.client[id];
            const s = this.server[id];
            const f = this.facts[id];
            let slot = hash(c, s, f) & mask;
            while (table[slot * 4] !== 0) slot = (slot + 1) & mask;
            place(table, slot * 4, id, c, s, f);
        }
        this.table = table;
        this.mask = mask;
    }
}

function place(table: Int32Array, at: number, id: number, c: number, s: number, f: number): void {
    table[at] = id + 1;
    table[at + 1] = c;
    table[at + 2] = s;
    table[at + 3] = f;
}

export function resized(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
    const bigger = new Int32Array(size);
    bigger.set(array.subarray(0, Math.min(array.length, size)));
    return bigger;
}

function hash(c: number, s: number, f: number): number {
    let h = Math.imul(c, 0x9e3779b1) ^ Math.imul(s + 0x7f4a7c15, 0x85ebca77) ^ Math.imul(f + 0x165667b1, 0xc2b2ae3d);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return h ^ (h >>> 12);
}
