import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, compareCodes } from '../../language/analysis/diagnostic-codes.js';
import { groupedDigits } from '../../language/analysis/grouped-digits.js';
import { seededRandom } from '../support/seeded-random.js';

describe('groupedDigits and compareCodes: what the CLI wrote with Intl, without loading it', () => {
    it('groups digits as toLocaleString(\'en-US\') does, for every size of integer and sign', () => {
        const random = seededRandom(12);
        const samples = [0, 1, 999, 1000, 9999, 10_000, 100_000, 999_999, 1_000_000, 2_000_000, 123_456_789, Number.MAX_SAFE_INTEGER];
        for (let i = 0; i < 2000; i++) samples.push(Math.floor(random() * 10 ** Math.floor(random() * 16)));
        for (const n of [...samples, ...samples.filter(s => s > 0).map(s => -s)]) expect(groupedDigits(n), String(n)).toBe(n.toLocaleString('en-US'));
    });

    it('orders every pair of diagnostic codes as localeCompare did', () => {
        const codes = [...DIAGNOSTIC_CODES.keys()];
        expect(codes.length).toBeGreaterThan(20);
        for (const a of codes) {
            for (const b of codes) expect(compareCodes(a, b), `${a} vs ${b}`).toBe(Math.sign(a.localeCompare(b)));
        }
    });
});
