import type { TextEdit } from 'vscode-languageserver';
import type { ProtocolAnalysis } from '../../../language/analysis/analyze-protocol.js';
import type { Finding } from '../../../language/analysis/finding.js';
import type { ProtocolModel } from '../../../language/model/machine-model.js';
import type { SourceText } from './source-text.js';

/** One way to repair a diagnostic: a title for the editor's menu and the edits to one document. */
export interface QuickFix {
    readonly title: string;
    readonly edits: readonly TextEdit[];
    /** The fix an editor may apply on its own ("auto fix"): the likely intent, not a guess among several. */
    readonly preferred?: boolean;
}

/** What a fix builder gets: the finding to repair, and everything known about the document. */
export interface FixContext {
    readonly finding: Finding;
    readonly model: ProtocolModel;
    readonly analysis: ProtocolAnalysis;
    readonly text: SourceText;
}

export type FixBuilder = (context: FixContext) => QuickFix[];
