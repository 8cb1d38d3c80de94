/**
 * Every diagnostic code of the contract (../shared/design/language.md), with
 * its severity and a one-line description. The CLI's SARIF rules, the docs
 * links and the tests all read this one table.
 */
export type Severity = 'error' | 'warning' | 'info';

export type StructuralCode =
    | 'syntax' | 'duplicate-machine' | 'duplicate-state' | 'unknown-state'
    | 'missing-initial' | 'multiple-initial' | 'missing-end' | 'multiple-end'
    | 'duplicate-outcome' | 'unknown-action' | 'wrong-side' | 'unhandled-outcome';
export type ReachabilityCode = 'end-unreachable' | 'no-path-to-end' | 'unreachable-state';
export type LegalityCode =
    | 'no-outstanding-call' | 'complete-before-notification' | 'after-completion'
    | 'double-completion' | 'handle-in-use' | 'raise-off-rpc-thread' | 'missing-completion';
/** The client × server check (../shared/design/composition.md). */
export type CompositionCode = 'protocol-deadlock' | 'composition-skipped';
/** About the checker's own comments (language/config/suppressions.ts). */
export type SuppressionCode = 'unused-suppression';
export type DiagnosticCode = StructuralCode | ReachabilityCode | LegalityCode | CompositionCode | SuppressionCode;

export interface CodeInfo {
    readonly code: DiagnosticCode;
    readonly severity: Severity;
    readonly group: 'structure' | 'reachability' | 'legality' | 'composition' | 'suppression';
    readonly summary: string;
}

const table: readonly CodeInfo[] = [
    { code: 'syntax', severity: 'error', group: 'structure', summary: 'The text does not parse.' },
    { code: 'duplicate-machine', severity: 'error', group: 'structure', summary: 'A protocol has two clients or two servers.' },
    { code: 'duplicate-state', severity: 'error', group: 'structure', summary: 'Two states of one machine share a name.' },
    { code: 'unknown-state', severity: 'error', group: 'structure', summary: 'A transition targets no state of its machine.' },
    { code: 'missing-initial', severity: 'error', group: 'structure', summary: 'A machine has no initial state.' },
    { code: 'multiple-initial', severity: 'error', group: 'structure', summary: 'A machine has more than one initial state.' },
    { code: 'missing-end', severity: 'error', group: 'structure', summary: 'A machine has no end state.' },
    { code: 'multiple-end', severity: 'error', group: 'structure', summary: 'A machine has more than one end state.' },
    { code: 'duplicate-outcome', severity: 'error', group: 'structure', summary: 'Two transitions of a state handle the same outcome, or a state has two defaults.' },
    { code: 'unknown-action', severity: 'error', group: 'structure', summary: '`invoke` or `await` names nothing in the catalog.' },
    { code: 'wrong-side', severity: 'error', group: 'structure', summary: 'The catalog forbids the function or event on this side.' },
    { code: 'unhandled-outcome', severity: 'warning', group: 'structure', summary: 'A `call` state has no `on exception` transition.' },
    { code: 'end-unreachable', severity: 'error', group: 'reachability', summary: 'End cannot be reached from the initial state.' },
    { code: 'no-path-to-end', severity: 'error', group: 'reachability', summary: 'A reachable state from which End cannot be reached.' },
    { code: 'unreachable-state', severity: 'warning', group: 'reachability', summary: 'A state that cannot be reached from the initial state.' },
    { code: 'no-outstanding-call', severity: 'error', group: 'legality', summary: 'Acting on a call that was never made, or whose `call` ended in `exception`.' },
    { code: 'complete-before-notification', severity: 'error', group: 'legality', summary: 'Client RpcAsyncCompleteCall before the call is known to be complete.' },
    { code: 'after-completion', severity: 'error', group: 'legality', summary: 'Cancel, await, status or test-cancel on a call that was already completed.' },
    { code: 'double-completion', severity: 'error', group: 'legality', summary: 'Complete, Abort or raise on a call that was already completed, aborted or raised.' },
    { code: 'handle-in-use', severity: 'error', group: 'legality', summary: 'A new call, handle initialization or dispatch while a call is still outstanding or active.' },
    { code: 'raise-off-rpc-thread', severity: 'error', group: 'legality', summary: 'A server raises an exception outside the state that dispatched the call.' },
    { code: 'missing-completion', severity: 'error', group: 'legality', summary: 'End is entered while the call is still outstanding, or not completed, aborted nor raised.' },
    { code: 'protocol-deadlock', severity: 'error', group: 'composition', summary: 'Client and server together: on some interleaving this action waits forever, whatever the other machine does.' },
    { code: 'composition-skipped', severity: 'info', group: 'composition', summary: 'The client × server check stopped at its budget of joint points; no deadlock verdict.' },
    { code: 'unused-suppression', severity: 'warning', group: 'suppression', summary: 'A `// rpcstate-ignore-next-line` comment names a code the next line does not have.' },
];

export const DIAGNOSTIC_CODES: ReadonlyMap<DiagnosticCode, CodeInfo> = new Map(table.map(info => [info.code, info]));

export function codeInfo(code: DiagnosticCode): CodeInfo {
    return DIAGNOSTIC_CODES.get(code)!;
}

/** Where each code is documented; diagnostics link here (LSP codeDescription, SARIF helpUri). */
export const DOCS_BASE_URL = 'https://github.com/rpcstate/rpcstate/blob/main/docs/diagnostics.md';

export function codeDocumentationUrl(code: DiagnosticCode): string {
    return `${DOCS_BASE_URL}#${code}`;
}

/**
 * Code-unit order of two diagnostic codes: the same order as `localeCompare`
 * gives for codes (lowercase ASCII words joined by hyphens), without the
 * collator that its first call builds (about 6 ms).
 */
export function compareCodes(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}
