import type { ProtocolAnalysis } from '../analysis/analyze-protocol.js';
import type { Finding } from '../analysis/finding.js';
import type { ProtocolModel } from '../model/machine-model.js';
import { findingFixes, suppressionFixes } from './finding-fixes.js';
import type { QuickFix } from './quick-fix.js';
import { editsOverlap } from './source-edit.js';
import { SourceText } from './source-text.js';

/** A fix chosen to be applied without asking, with the finding it repairs. */
export interface ChosenFix {
    readonly finding: Finding;
    readonly fix: QuickFix;
}

/**
 * One round of `rpcstate check --fix` over one text: for each finding in
 * reading order, its first `unattended` fix (the editor's own quick fix,
 * same edits), unless its edits touch text another chosen fix already
 * edits; that finding waits for the next round, computed on the new text.
 * `findings` are the reported ones (configuration applied), so a finding
 * that is suppressed or turned off is left as it is.
 */
export function unattendedFixes(findings: readonly Finding[], model: ProtocolModel, analysis: ProtocolAnalysis, text: string): ChosenFix[] {
    const source = new SourceText(text);
    const ordered = [...findings].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    const chosen: ChosenFix[] = [];
    for (const finding of ordered) {
        const offered = finding.code === 'unused-suppression'
            ? suppressionFixes(text, finding.code, finding.range, analysis)
            : findingFixes({ finding, model, analysis, text: source });
        const fix = offered.find(f => f.unattended === true);
        if (fix && !chosen.some(c => editsOverlap(c.fix.edits, fix.edits))) chosen.push({ finding, fix });
    }
    return chosen;
}
