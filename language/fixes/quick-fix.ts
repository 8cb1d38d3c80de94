import type { ProtocolAnalysis } from '../analysis/analyze-protocol.js';
import type { Finding } from '../analysis/finding.js';
import type { ProtocolModel } from '../model/machine-model.js';
import type { SourceEdit } from './source-edit.js';
import type { SourceText } from './source-text.js';

/** One way to repair a finding: a title for the editor's menu and the edits to one document. */
export interface QuickFix {
    readonly title: string;
    readonly edits: readonly SourceEdit[];
    /** The fix an editor may apply on its own ("auto fix"): the likely intent, not a guess among several. */
    readonly preferred?: boolean;
    /**
     * Safe to apply with no one looking (`rpcstate check --fix`): the finding
     * has exactly one reading and the edit is that reading, so it cannot
     * change what the machine means against the author's intent. Stricter
     * than `preferred`: a fix that adds states, removes one or picks a side
     * is a decision, and stays the editor's, with a person choosing. The
     * reasons per fix are in docs/cli.md, "Fixing".
     */
    readonly unattended?: boolean;
}

/** What a fix builder gets: the finding to repair, and everything known about the document. */
export interface FixContext {
    readonly finding: Finding;
    readonly model: ProtocolModel;
    readonly analysis: ProtocolAnalysis;
    readonly text: SourceText;
}

export type FixBuilder = (context: FixContext) => QuickFix[];
