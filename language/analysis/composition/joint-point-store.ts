/**
 * The joint points found so far, numbered in the order found: three integers
 * per point (client state, server state, facts) in typed arrays, and an
 * open-addressing hash table of point numbers to find a point again. No
 * string or object per point: a million points take a few tens of MB.
 *
 * Facts pack the current call: request * 4 + reply * 2 + cancelled, where
 * request is 0 (none), 1 (a call naming no procedure) or 2 + the procedure's number.
 */
export class JointPointStore {
    count = 0;
    client: Int32Array;
    server: Int32Array;
    facts: Int32Array;
    /** The point this one was first reached from (-1 for the start). */
    parent: Int32Array;
    /** The move that first reached it: transition number * 2 + (1 for the server); -1 for the start. */
    via: Int32Array;
    private table: Int32Array;
    private mask: number;

    constructor(initialCapacity = 1024) {
        this.client = new Int32Array(initialCapacity);
        this.server = new Int32Array(initialCapacity);
        this.facts = new Int32Array(initialCapacity);
        this.parent = new Int32Array(initialCapacity);
        this.via = new Int32Array(initialCapacity);
        this.table = new Int32Array(initialCapacity * 2).fill(-1);
        this.mask = initialCapacity * 2 - 1;
    }

    /** The number of the point, or -1. */
    find(c: number, s: number, f: number): number {
        let slot = hash(c, s, f) & this.mask;
        for (;;) {
            const id = this.table[slot];
            if (id < 0 || (this.client[id] === c && this.server[id] === s && this.facts[id] === f)) return id;
            slot = (slot + 1) & this.mask;
        }
    }

    /** The number of the point, adding it (reached from `parent` by `via`) if it is new. */
    findOrAdd(c: number, s: number, f: number, parent: number, via: number): number {
        let slot = hash(c, s, f) & this.mask;
        for (;;) {
            const id = this.table[slot];
            if (id < 0) break;
            if (this.client[id] === c && this.server[id] === s && this.facts[id] === f) return id;
            slot = (slot + 1) & this.mask;
        }
        const id = this.count++;
        if (id === this.client.length) this.grow();
        this.client[id] = c;
        this.server[id] = s;
        this.facts[id] = f;
        this.parent[id] = parent;
        this.via[id] = via;
        if (this.count * 2 > this.table.length) this.rehash();
        else this.table[slot] = id;
        return id;
    }

    private grow(): void {
        const size = this.client.length * 2;
        this.client = resized(this.client, size);
        this.server = resized(this.server, size);
        this.facts = resized(this.facts, size);
        this.parent = resized(this.parent, size);
        this.via = resized(this.via, size);
    }

    /** A table twice as large, every point placed again (the newest one included). */
    private rehash(): void {
        this.table = new Int32Array(this.table.length * 2).fill(-1);
        this.mask = this.table.length - 1;
        for (let id = 0; id < this.count; id++) {
            let slot = hash(this.client[id], this.server[id], this.facts[id]) & this.mask;
            while (this.table[slot] >= 0) slot = (slot + 1) & this.mask;
            this.table[slot] = id;
        }
    }
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
