import { describe, expect, it } from 'vitest';
import { finding } from '../../language/analysis/finding.js';
import type { DiagnosticCode } from '../../language/analysis/diagnostic-codes.js';
import { applyConfiguration } from '../../language/config/apply-config.js';

/**
 * A suppression is called unused only when the check that would report its
 * code ran: structural checks always do; a structural error stops the path
 * checks; a path error may hide another on its path; any error stops the
 * client × server check.
 */
const TEXT = ['protocol P', '// rpcstate-ignore-next-line CODE -- why', 'client C {', '}'].join('\n');
const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 1 } });

function unusedReported(suppressed: DiagnosticCode, errors: DiagnosticCode[]): boolean {
    const findings = errors.map(code => finding(code, code, at(3)));
    const reported = applyConfiguration(findings, TEXT.replace('CODE', suppressed), undefined, { reportUnused: true });
    return reported.some(f => f.code === 'unused-suppression');
}

describe('unused-suppression while errors stop checks', () => {
    it.each([
        ['missing-end', [], true],
        ['missing-end', ['unknown-state'], true],
        ['unreachable-state', ['missing-completion'], true],
        ['unreachable-state', ['unknown-state'], false],
        ['complete-before-notification', [], true],
        ['complete-before-notification', ['unknown-state'], false],
        ['complete-before-notification', ['no-path-to-end'], false],
        ['complete-before-notification', ['missing-completion'], false],
        ['protocol-deadlock', [], true],
        ['protocol-deadlock', ['missing-completion'], false],
    ] as Array<[DiagnosticCode, DiagnosticCode[], boolean]>)('a suppression of %s beside errors %j is reported unused: %s', (suppressed, errors, expected) => {
        expect(unusedReported(suppressed, errors)).toBe(expected);
    });

    it('a name that is no code is reported unused whatever the errors', () => {
        const findings = [finding('unknown-state', 'x', at(3))];
        const reported = applyConfiguration(findings, TEXT.replace('CODE', 'no-such-code'), undefined, { reportUnused: true });
        expect(reported.filter(f => f.code === 'unused-suppression')).toHaveLength(1);
    });
});
