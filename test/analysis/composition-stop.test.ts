import { describe, expect, it } from 'vitest';
import { analyzeComposition } from '../../language/analysis/composition/analyze-composition.js';
import { STOP_CHECK_INTERVAL } from '../../language/analysis/composition/joint-exploration.js';
import { ladderModel } from '../support/ladder-protocol.js';

/**
 * `shouldStop`: the language server's worker stops a check a newer edit made
 * useless by answering yes; the check then ends with status `cancelled`,
 * no verdict and no findings, instead of running to its end.
 */
describe('a client × server check told to stop', () => {
    // 100 decisions on each side: 10,304 joint points.
    const small = ladderModel(100, 'waits-for-cancel');

    it('ends cancelled, with neither verdict nor findings, before exploring everything', () => {
        const result = analyzeComposition(small, [], { shouldStop: () => true });
        expect(result).toMatchObject({ status: 'cancelled', client: 'Climber', server: 'Rungs', deadlocks: [], findings: [] });
        expect(result.points).toBeGreaterThanOrEqual(STOP_CHECK_INTERVAL);
        expect(result.points).toBeLessThan(10_304);
    });

    it('is asked every STOP_CHECK_INTERVAL points; answering no changes nothing', () => {
        let calls = 0;
        const asked = analyzeComposition(small, [], { shouldStop: () => (calls++, false) });
        expect(asked).toEqual(analyzeComposition(small, []));
        expect(asked.status).toBe('checked');
        // Once per interval while exploring, then between the phases that follow.
        expect(calls).toBe(Math.floor(asked.points / STOP_CHECK_INTERVAL) + 2);
    });

    it('is asked again after the exploration: a stop that comes then still cancels', () => {
        const duringExploration = Math.floor(10_304 / STOP_CHECK_INTERVAL);
        let calls = 0;
        const result = analyzeComposition(small, [], { shouldStop: () => ++calls > duringExploration });
        expect(result).toMatchObject({ status: 'cancelled', points: 10_304, findings: [] });
    });

    it('stops a check near its budget within one interval of being told', () => {
        // 1,400 decisions each: 1,964,204 joint points, seconds of work; told to stop at the 50th ask.
        // Counted in points, not milliseconds: the work done after the stop is bounded whatever the machine's load.
        const big = ladderModel(1400, 'waits-for-cancel');
        let asked = 0;
        const result = analyzeComposition(big, [], { shouldStop: () => ++asked > 50 });
        expect(result.status).toBe('cancelled');
        expect(asked).toBe(51);
        expect(result.points).toBeGreaterThanOrEqual(51 * STOP_CHECK_INTERVAL);
        expect(result.points).toBeLessThan(52 * STOP_CHECK_INTERVAL);
    });
});
