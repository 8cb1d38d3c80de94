import { describe, expect, it } from 'vitest';
import type { NearName } from '../../language/analysis/closest-name.js';
import { closestName, FoldedNames, nearNames, unmistakableName } from '../../language/analysis/closest-name.js';
import { seededRandom } from '../support/seeded-random.js';

describe('closestName: the suggestion in messages and the editor\'s retarget', () => {
    it('takes the nearest within a third of the name (at least 2), the first of a tie', () => {
        expect(closestName('WCmp', ['WComp', 'Comp'])).toBe('WComp');
        expect(closestName('Retry', ['Ready'])).toBe('Ready');
        expect(closestName('Elsewhere', ['C', 'End'])).toBeUndefined();
    });
});

describe('unmistakableName: what check --fix may correct on its own', () => {
    it('the one name equal but for case, even beside a name one slip away', () => {
        expect(unmistakableName('Wcomp', ['C', 'WComp', 'Comp', 'End'])).toBe('WComp');
        expect(unmistakableName('wcomp', ['WComp', 'WCOMP'])).toBeUndefined();
    });

    it('the one name a single slip away, when no other is within two', () => {
        expect(unmistakableName('RpcCallCompleted', ['RpcCallComplete', 'RpcSendComplete'])).toBe('RpcCallComplete');
        expect(unmistakableName('WaitForCompleton', ['C', 'WaitForCompletion', 'Completion', 'End'])).toBe('WaitForCompletion');
    });

    it('nothing when two names are near, or the one near name is two slips away', () => {
        expect(unmistakableName('WCmp', ['WComp', 'Comp'])).toBeUndefined();
        expect(unmistakableName('WComq', ['WComp', 'Comp'])).toBeUndefined();
        expect(unmistakableName('Retry', ['Ready'])).toBeUndefined();
        expect(unmistakableName('Elsewhere', ['C', 'End'])).toBeUndefined();
    });

    it('counts a name listed twice (two states of one name) once', () => {
        expect(unmistakableName('Comq', ['Comp', 'Comp'])).toBe('Comp');
    });
});

/** The definition the fast search must match: every candidate's full edit distance, case ignored, sorted stably. */
function referenceNearNames(name: string, candidates: readonly string[]): NearName[] {
    const limit = Math.max(2, Math.floor(name.length / 3));
    const distance = (a: string, b: string): number => {
        let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
        for (let i = 1; i <= a.length; i++) {
            const current = [i];
            for (let j = 1; j <= b.length; j++) {
                current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.length];
    };
    return candidates
        .filter(candidate => Math.abs(candidate.length - name.length) <= limit)
        .map(candidate => ({ name: candidate, distance: distance(name.toLowerCase(), candidate.toLowerCase()) }))
        .filter(near => near.distance <= limit)
        .sort((a, b) => a.distance - b.distance);
}

describe('nearNames: the bounded search equals the full edit distance', () => {
    it('on random names and their slips, ASCII and not, as strings and folded into one array', () => {
        const random = seededRandom(7);
        const pick = (n: number) => Math.floor(random() * n);
        // Few letters, so that many names are near each other; upper case, digits, and letters toLowerCase changes in length or kind.
        const letters = ['a', 'b', 'A', 'B', 'c', '_', '1', 'É', 'é', 'İ', 'Σ', 'ß'];
        const randomName = (max: number) => Array.from({ length: pick(max + 1) }, () => letters[pick(letters.length)]).join('');
        const slip = (name: string): string => {
            const i = pick(name.length + 1);
            const c = letters[pick(letters.length)];
            const kind = pick(3);
            return kind === 0 ? name.slice(0, i) + c + name.slice(i) : kind === 1 ? name.slice(0, i) + name.slice(i + 1) : name.slice(0, i) + c + name.slice(i + 1);
        };
        for (let round = 0; round < 400; round++) {
            const candidates = Array.from({ length: 1 + pick(60) }, () => randomName(pick(3) === 0 ? 14 : 6));
            let name = pick(2) === 0 ? randomName(12) : candidates[pick(candidates.length)];
            for (let slips = pick(4); slips > 0; slips--) name = slip(name);
            const reference = referenceNearNames(name, candidates);
            expect(nearNames(name, candidates), `${name} among ${candidates.join(' ')}`).toEqual(reference);
            expect(nearNames(name, new FoldedNames(candidates)), `${name} among ${candidates.join(' ')}, folded`).toEqual(reference);
        }
    });
});
