import { describe, expect, it } from 'vitest';
import { analyzeComposition } from '../../language/analysis/composition/analyze-composition.js';
import { protocol } from '../support/model-builders.js';
import { randomMachine } from '../support/random-composition.js';
import { ReferenceComposition } from '../support/reference-composition.js';
import { seededRandom } from '../support/seeded-random.js';

/**
 * The composition against the reference explorer (test/support/
 * reference-composition.ts) on random small pairs: the same reachable
 * space, the same waiting states, interleavings of the shortest length,
 * and every interleaving replays in the reference to a point where its
 * machine is stuck in the reported state.
 */
const PAIRS = 1500;

describe('the client × server check agrees with the reference explorer', () => {
    it(`on ${PAIRS} random small pairs`, () => {
        const random = seededRandom(20261202);
        let withDeadlocks = 0;
        let deadlocks = 0;
        for (let i = 0; i < PAIRS; i++) {
            const client = randomMachine(random, 'client', 'Client');
            const server = randomMachine(random, 'server', 'Server');
            const reference = new ReferenceComposition(client, server);
            const result = analyzeComposition(protocol(client, server), []);
            const label = `pair ${i}`;
            expect(result.status, label).toBe('checked');
            expect(result.points, label).toBe(reference.reachable().size);

            const expected = reference.deadlocks();
            const actual = new Map(result.deadlocks.map(d => [`${d.waiting.side} ${d.waiting.state.name}`, d.interleaving.skipped + d.interleaving.steps.length]));
            expect(actual, label).toEqual(expected);
            for (const d of result.deadlocks) {
                const end = reference.replay(d.interleaving.steps);
                expect(typeof end, `${label}: ${String(end)}`).toBe('object');
                if (typeof end === 'string') continue;
                expect(d.waiting.side === 'client' ? end.client : end.server, label).toBe(d.waiting.state.name);
                expect(reference.stuck(d.waiting.side, end), label).toBe(true);
                expect(d.finding.path!.length, label).toBe(d.interleaving.steps.length + 1);
                for (const text of [d.finding.message, ...d.finding.path!.map(step => step.message)]) expect(text, label).not.toMatch(/undefined|null|\[object/);
            }
            if (i % 10 === 0) {
                // The budget: exactly the reachable points still give a verdict; one fewer gives none.
                expect(analyzeComposition(protocol(client, server), [], { budget: result.points }).status, label).toBe('checked');
                if (result.points > 1) expect(analyzeComposition(protocol(client, server), [], { budget: result.points - 1 }).findings.map(f => f.code), label).toEqual(['composition-skipped']);
            }
            if (expected.size > 0) withDeadlocks++;
            deadlocks += expected.size;
        }
        // The random pairs exercise both verdicts.
        expect(withDeadlocks).toBeGreaterThan(PAIRS / 10);
        expect(withDeadlocks).toBeLessThan(PAIRS);
        expect(deadlocks).toBeGreaterThan(withDeadlocks);
    });
});
