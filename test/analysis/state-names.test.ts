import { describe, expect, it } from 'vitest';
import type { StateModel } from '../../language/model/machine-model.js';
import { StateNames } from '../../language/analysis/state-names.js';
import { seededRandom } from '../support/seeded-random.js';

const states = (names: readonly string[]) => names.map(name => ({ name }) as StateModel);

describe('StateNames: a state name → the index of its first state', () => {
    it('answers as a Map filled with each name\'s first index would, duplicates included', () => {
        const random = seededRandom(3);
        for (let round = 0; round < 200; round++) {
            // A small alphabet, so that names repeat and the table's slots collide.
            const names = Array.from({ length: Math.floor(random() * 300) }, () => `${'CWPx'[Math.floor(random() * 4)]}${Math.floor(random() * 150)}`);
            const reference = new Map<string, number>();
            names.forEach((name, i) => { if (!reference.has(name)) reference.set(name, i); });
            const table = new StateNames(states(names));
            expect(table.size).toBe(reference.size);
            expect(table.names()).toEqual([...reference.keys()]);
            for (const name of [...names, 'C150', 'End', '', 'c1']) expect(table.get(name), name).toBe(reference.get(name));
        }
    });
});
