import type { DiagnosticCode } from '../analysis/diagnostic-codes.js';
import { DIAGNOSTIC_CODES } from '../analysis/diagnostic-codes.js';
import type { Finding } from '../analysis/finding.js';
import { finding } from '../analysis/finding.js';
import type { RpcstateConfig } from './rpcstate-config.js';
import type { SearchableText, SuppressedCode, Suppression } from './suppressions.js';
import { findSuppressions, SUPPRESSION_DIRECTIVE } from './suppressions.js';

export interface ApplyOptions {
    /**
     * Report suppressions that hide nothing. Only when the findings are the
     * whole check: not for syntax errors alone, and not while the text has
     * syntax errors (a machine that does not parse reports nothing else, so
     * every suppression in it would look unused).
     */
    readonly reportUnused: boolean;
    /** Codes whose findings come later, in another pass (the editor's client × server check): never reported unused here. */
    readonly deferredCodes?: ReadonlySet<string>;
}

/**
 * The user's say over the findings, the same in the CLI and the editor:
 * `rpcstate.json` changes a code's severity or turns it off, and a
 * `// rpcstate-ignore-next-line CODE` comment hides that code on the line
 * below it. A suppression that hides nothing is itself reported
 * (`unused-suppression`), unless the configuration turned its code off.
 * `syntax` can be neither turned off nor suppressed.
 */
export function applyConfiguration(findings: readonly Finding[], text: SearchableText, config: RpcstateConfig | undefined, options: ApplyOptions): Finding[] {
    const setting = (code: DiagnosticCode) => config?.codes.get(code);
    const configured = (f: Finding): Finding | undefined => {
        const wanted = setting(f.code);
        return wanted === 'off' ? undefined : wanted && wanted !== f.severity ? { ...f, severity: wanted } : f;
    };
    const suppressions = findSuppressions(text);
    const used = new Set<SuppressedCode>();
    const result: Finding[] = [];
    for (const original of findings) {
        const f = configured(original);
        if (!f) continue;
        const hiding = f.code === 'syntax' ? undefined : suppressionOf(suppressions, f);
        if (hiding) used.add(hiding);
        else result.push(f);
    }
    if (options.reportUnused) {
        const errorGroups = new Set(findings.filter(f => f.severity === 'error').map(f => DIAGNOSTIC_CODES.get(f.code)?.group));
        for (const suppression of suppressions) {
            for (const entry of suppression.codes) {
                if (used.has(entry) || setting(entry.code as DiagnosticCode) === 'off' || options.deferredCodes?.has(entry.code)) continue;
                if (mayBeHiddenByAnError(entry.code, errorGroups)) continue;
                const reported = configured(finding('unused-suppression', unusedMessage(entry, suppression), entry.range));
                if (reported) result.push(reported);
            }
            if (suppression.codes.length === 0) {
                const reported = configured(finding('unused-suppression', `${SUPPRESSION_DIRECTIVE} names no code: write the code to ignore, e.g. \`// ${SUPPRESSION_DIRECTIVE} unreachable-state -- why\``, suppression.range));
                if (reported) result.push(reported);
            }
        }
    }
    return result;
}

/**
 * Whether a real code may be missing only because an error stops the check
 * that would report it, so that its suppression cannot be called unused yet:
 * a structural error stops the path checks (reachability, legality), a path
 * check reports one finding per path and goes no further (so one legality
 * or reachability error may hide another), and any error stops the client ×
 * server check. Structural checks always run. `rpcstate check --fix` removes
 * suppressions by a stricter rule (no error at all).
 */
function mayBeHiddenByAnError(code: string, errorGroups: ReadonlySet<string | undefined>): boolean {
    const group = DIAGNOSTIC_CODES.get(code as DiagnosticCode)?.group;
    switch (group) {
        case 'reachability': return errorGroups.has('structure');
        case 'legality': return errorGroups.has('structure') || errorGroups.has('reachability') || errorGroups.has('legality');
        case 'composition': return errorGroups.size > 0;
        default: return false;
    }
}

function suppressionOf(suppressions: readonly Suppression[], f: Finding): SuppressedCode | undefined {
    for (const suppression of suppressions) {
        if (suppression.line + 1 !== f.range.start.line) continue;
        const entry = suppression.codes.find(c => c.code === f.code);
        if (entry) return entry;
    }
    return undefined;
}

function unusedMessage(entry: SuppressedCode, suppression: Suppression): string {
    if (entry.code === 'syntax') return 'A syntax error cannot be suppressed: fix the text. Remove this code from the comment.';
    if (!DIAGNOSTIC_CODES.has(entry.code as DiagnosticCode)) return `${entry.code} is not an rpcstate diagnostic code, so this suppresses nothing. Remove it, or write the code reported on the next line.`;
    return `Nothing on line ${suppression.line + 2} is reported as ${entry.code}, so this suppression hides nothing. Remove it (it would hide a future ${entry.code} unnoticed).`;
}
