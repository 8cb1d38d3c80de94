import type { ProtocolAnalysis } from '../analysis/analyze-protocol.js';
import type { DiagnosticCode } from '../analysis/diagnostic-codes.js';
import { DIAGNOSTIC_CODES } from '../analysis/diagnostic-codes.js';
import { insertSuppression, removeUnusedSuppression } from '../config/suppression-edits.js';
import { SUPPRESSION_DIRECTIVE } from '../config/suppressions.js';
import type { SourceRange } from '../model/source-range.js';
import { fixCompleteBeforeNotification, fixMissingCompletion } from './completion-fixes.js';
import type { FixBuilder, FixContext, QuickFix } from './quick-fix.js';
import {
    fixMissingEnd, fixMissingInitial, fixUnhandledOutcome, fixUnknownAction, fixUnknownState, fixUnreachableState, fixWrongSide,
} from './structure-fixes.js';

/**
 * The one place that says which fixes a finding gets, for both hosts: the
 * language server offers them as code actions, `rpcstate check --fix`
 * applies those marked `unattended`. protocol-deadlock's fixes need the
 * client × server trace and are built from it (procedure-fixes.ts).
 */
const FIXES: Partial<Record<DiagnosticCode, FixBuilder>> = {
    'unknown-state': fixUnknownState,
    'unknown-action': fixUnknownAction,
    'wrong-side': fixWrongSide,
    'missing-initial': fixMissingInitial,
    'missing-end': fixMissingEnd,
    'unhandled-outcome': fixUnhandledOutcome,
    'unreachable-state': fixUnreachableState,
    'complete-before-notification': fixCompleteBeforeNotification,
    'missing-completion': fixMissingCompletion,
};

/** Whether findings of this code have fixes of their own (beyond the suppression ones). */
export function hasFindingFixes(code: string): boolean {
    return FIXES[code as DiagnosticCode] !== undefined;
}

/** The fixes of the finding in `context`, computed from the current model: the edits fit the text they are applied to. */
export function findingFixes(context: FixContext): QuickFix[] {
    return FIXES[context.finding.code as DiagnosticCode]?.(context) ?? [];
}

/**
 * For an unused suppression: remove it (preferred). For any other code but
 * a syntax error: insert a suppression comment above its line (never
 * preferred, never unattended: hiding a finding is a person's call, with a
 * reason to write). The removal is unattended only given the `analysis`,
 * and only where "hides nothing" is certain (`certainlyUnused`).
 */
export function suppressionFixes(text: string, code: string, range: SourceRange, analysis?: ProtocolAnalysis): QuickFix[] {
    if (code === 'syntax') return [];
    if (code === 'unused-suppression') {
        const edit = removeUnusedSuppression(text, range);
        if (!edit) return [];
        const unattended = analysis !== undefined && certainlyUnused(analysis, sliceOf(text, range));
        return [{ title: 'Remove the unused suppression', edits: [edit], preferred: true, unattended }];
    }
    return [{ title: `Ignore ${code} on this line (// ${SUPPRESSION_DIRECTIVE})`, edits: [insertSuppression(text, range.start.line, code)] }];
}

/**
 * Whether a suppression of `named` that hides nothing today would hide
 * nothing however the rest of the file is fixed. Not while the analysis has
 * an error: structural errors stop the path checks of their machine, any
 * error stops the client × server check, and a path check reports one
 * finding per path, so the finding this comment is for may only be hidden
 * behind another (the contract's gate). Not for a client × server code when
 * that check did not finish (its budget, or a stop). A name that is no code, or
 * `syntax`, can never be used.
 */
function certainlyUnused(analysis: ProtocolAnalysis, named: string): boolean {
    const info = DIAGNOSTIC_CODES.get(named as DiagnosticCode);
    if (!info || info.code === 'syntax') return true;
    if (analysis.findings.some(f => f.severity === 'error')) return false;
    if (info.group === 'composition') return analysis.composition !== undefined && analysis.composition.status !== 'skipped' && analysis.composition.status !== 'cancelled';
    return true;
}

/** The text of a one-line range: the code a suppression names. */
function sliceOf(text: string, range: SourceRange): string {
    if (range.start.line !== range.end.line) return '';
    return (text.split(/\r?\n/)[range.start.line] ?? '').slice(range.start.character, range.end.character);
}
