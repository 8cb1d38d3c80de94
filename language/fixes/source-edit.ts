import { TextDocument } from 'langium';
import type { SourceRange } from '../model/source-range.js';

/**
 * A text edit in the shape of LSP's TextEdit (0-based lines and UTF-16
 * columns), declared here so that the fixes stay free of the protocol: the
 * language server sends these as they are, the CLI applies them itself.
 */
export interface SourceEdit {
    readonly range: SourceRange;
    readonly newText: string;
}

/**
 * The text after `edits`, applied as an editor applies one code action's
 * edits (the same function: vscode-languageserver-textdocument's), so that
 * `rpcstate check --fix` writes exactly what accepting the quick fix would.
 */
export function applySourceEdits(text: string, edits: readonly SourceEdit[]): string {
    if (edits.length === 0) return text;
    return TextDocument.applyEdits(TextDocument.create('file:///edited', 'rpcstate', 0, text), [...edits]);
}

/** Whether two sets of edits touch the same text (an insertion at the edge of a replaced range counts: their order would matter). */
export function editsOverlap(a: readonly SourceEdit[], b: readonly SourceEdit[]): boolean {
    return a.some(x => b.some(y => !before(x.range, y.range) && !before(y.range, x.range)));
}

/** `a` ends strictly before `b` starts. */
function before(a: SourceRange, b: SourceRange): boolean {
    return a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character);
}
