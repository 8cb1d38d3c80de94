import { describe, expect, it } from 'vitest';
import { closestName, unmistakableName } from '../../language/analysis/closest-name.js';

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
