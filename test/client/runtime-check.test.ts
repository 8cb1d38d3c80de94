import { describe, expect, it } from 'vitest';
import { unsupportedRuntime } from '../../client/runtime-check.js';

describe('unsupportedRuntime', () => {
    it('accepts Node 22 and later', () => {
        expect(unsupportedRuntime('22.15.1', '1.101.0')).toBeUndefined();
        expect(unsupportedRuntime('v24.1.0', '1.117.0')).toBeUndefined();
    });

    it('explains an older Node: what is needed, what runs, what to do', () => {
        const message = unsupportedRuntime('20.19.0', '1.100.3');
        expect(message).toContain('Node 22');
        expect(message).toContain('Node 20.19.0');
        expect(message).toContain('VS Code 1.100.3');
        expect(message).toMatch(/Update VS Code/);
    });

    it('does not take an unreadable version for a good one', () => {
        expect(unsupportedRuntime('', '1.0.0')).toBeDefined();
        expect(unsupportedRuntime('garbage', '1.0.0')).toBeDefined();
    });
});
