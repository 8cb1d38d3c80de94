import type { StateModel } from '../model/machine-model.js';
import { FoldedNames } from './closest-name.js';

/**
 * A machine's state names → the index of the first state of each name: what
 * resolves every transition's target. An open-addressing table in one typed
 * array rather than a `Map`: on a machine of 50,000 states the `Map` (and the
 * copies it makes as it grows) was the largest structure the analysis built
 * per edit, and on this project's machines fresh memory is paid per page
 * touched (see docs/performance.md). Holds the names only, never the states,
 * so a kept analysis that answers by name (`PhaseLookup`) does not keep the
 * machine's model alive.
 */
export class StateNames {
    /** Slot → position in `distinct` + 1; 0 is an empty slot. Linear probing, at most half full. */
    private readonly slots: Int32Array;
    private readonly mask: number;
    /** The distinct names, in the order of their first state. */
    private readonly distinct: string[] = [];
    /** Position in `distinct` → state index; absent while no name repeats (then they are equal). */
    private first: Int32Array | undefined;
    private foldedNames: FoldedNames | undefined;

    constructor(states: readonly StateModel[]) {
        const n = states.length;
        let capacity = 16;
        while (capacity < n * 2) capacity *= 2;
        this.slots = new Int32Array(capacity);
        this.mask = capacity - 1;
        for (let i = 0; i < n; i++) this.add(states[i].name, i, n);
    }

    /** How many distinct names. */
    get size(): number {
        return this.distinct.length;
    }

    /** The index of the first state named `name`. */
    get(name: string): number | undefined {
        const { slots, mask, distinct } = this;
        for (let slot = hashName(name) & mask; ; slot = (slot + 1) & mask) {
            const entry = slots[slot];
            if (entry === 0) return undefined;
            if (distinct[entry - 1] === name) return this.first ? this.first[entry - 1] : entry - 1;
        }
    }

    /** The distinct names, in the order of their first state (not copied: do not change it). */
    names(): readonly string[] {
        return this.distinct;
    }

    /** The distinct names prepared for suggestions (`closestName`), built on the first unknown target and kept with the table. */
    folded(): FoldedNames {
        return this.foldedNames ??= new FoldedNames(this.distinct);
    }

    private add(name: string, index: number, n: number): void {
        const { slots, mask, distinct } = this;
        for (let slot = hashName(name) & mask; ; slot = (slot + 1) & mask) {
            const entry = slots[slot];
            if (entry === 0) {
                if (this.first) this.first[distinct.length] = index;
                distinct.push(name);
                slots[slot] = distinct.length;
                return;
            }
            if (distinct[entry - 1] === name) {
                // A repeated name (a duplicate-state error): from here on, positions and state indices differ.
                if (!this.first) {
                    this.first = new Int32Array(n);
                    for (let d = 0; d < distinct.length; d++) this.first[d] = d;
                }
                return;
            }
        }
    }
}

/** FNV-1a over the UTF-16 code units, then a final mix so that names differing in their last letters spread over the table. */
function hashName(name: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    return h;
}
