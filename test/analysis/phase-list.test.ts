import { describe, expect, it } from 'vitest';
import { CATALOG, INITIAL_PHASE, PHASE_LABELS, PHASES, UNFINISHED_PHASES } from '../../language/analysis/catalog.js';

/** The phase list is the rows of PHASE_LABELS: every phase the catalog uses is one of them, and the exploration's sets hold them all. */
describe('the phases come from the catalog', () => {
    it('PHASES are the labelled phases, and every phase a rule names is among them', () => {
        expect(PHASES).toEqual(Object.keys(PHASE_LABELS));
        const used = new Set<string>([...Object.values(INITIAL_PHASE), ...UNFINISHED_PHASES]);
        for (const entry of CATALOG) {
            for (const rule of Object.values(entry.rules)) {
                for (const [phase, after] of Object.entries(rule.legal)) { used.add(phase); if (after !== 'same') used.add(after); }
                for (const phase of Object.keys(rule.illegal)) used.add(phase);
                if (rule.special && rule.special.effect !== 'same') used.add(rule.special.effect);
            }
        }
        expect([...used].filter(phase => !PHASES.includes(phase as never))).toEqual([]);
        expect(PHASES.length).toBeLessThanOrEqual(32);
    });
});
