/**
 * One string per distinct name of a text. A state's name comes back as the
 * target of every transition to it, and outcome and function names repeat all
 * over a file: interned, the repeats are never allocated, instead of strings
 * that live as long as the tree (and a lookup by name then compares a string
 * with itself). Keyed by the text's characters, so a name already seen costs
 * a hash over its characters and one comparison, and no allocation: a Map
 * keyed by a fresh substring was a tenth of a 12 MB parse.
 */
export class NameTable {
    private names: Array<string | undefined>;
    private hashes: Int32Array;
    private mask: number;
    private count = 0;

    constructor(private readonly text: string, expected = 64) {
        let capacity = 64;
        while (capacity < expected * 2) capacity *= 2;
        this.names = new Array<string | undefined>(capacity).fill(undefined);
        this.hashes = new Int32Array(capacity);
        this.mask = capacity - 1;
    }

    /** The name written at text[start, end). */
    intern(start: number, end: number): string {
        const text = this.text;
        let hash = end - start;
        for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
        const length = end - start;
        for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
            const name = this.names[slot];
            if (name === undefined) return this.add(slot, hash, text.substring(start, end));
            if (this.hashes[slot] === hash && name.length === length && text.startsWith(name, start)) return name;
        }
    }

    private add(slot: number, hash: number, name: string): string {
        this.names[slot] = name;
        this.hashes[slot] = hash;
        if (++this.count * 2 > this.names.length) this.grow();
        return name;
    }

    private grow(): void {
        const names = this.names;
        const hashes = this.hashes;
        this.names = new Array<string | undefined>(names.length * 2).fill(undefined);
        this.hashes = new Int32Array(names.length * 2);
        this.mask = names.length * 2 - 1;
        for (let i = 0; i < names.length; i++) {
            const name = names[i];
            if (name === undefined) continue;
            let slot = hashes[i] & this.mask;
            while (this.names[slot] !== undefined) slot = (slot + 1) & this.mask;
            this.names[slot] = name;
            this.hashes[slot] = hashes[i];
        }
    }
}
