import type { SourceEdit } from '../fixes/source-edit.js';
import type { SourceRange } from '../model/source-range.js';
import { sameRange } from '../model/source-range.js';
import type { Suppression } from './suppressions.js';
import { findSuppressions, SUPPRESSION_DIRECTIVE } from './suppressions.js';

/** The reason the inserted comment asks for, as a placeholder to overwrite. */
export const REASON_PLACEHOLDER = '<reason>';

/**
 * The edit that hides `code` on `line` (0-based): the code joins the
 * suppression comment already above that line, or a new comment goes above
 * it, indented like it.
 */
export function insertSuppression(text: string, line: number, code: string): SourceEdit {
    const lines = text.split(/\r?\n/);
    const above = findSuppressions(text).find(s => s.line === line - 1);
    if (above) {
        const last = above.codes.at(-1);
        const at = last ? last.range.end : { line: above.line, character: lines[above.line].indexOf(SUPPRESSION_DIRECTIVE) + SUPPRESSION_DIRECTIVE.length };
        return { range: { start: at, end: at }, newText: last ? `, ${code}` : ` ${code}` };
    }
    const indent = /^[ \t]*/.exec(lines[line] ?? '')![0];
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const start = { line, character: 0 };
    return { range: { start, end: start }, newText: `${indent}// ${SUPPRESSION_DIRECTIVE} ${code} -- ${REASON_PLACEHOLDER}${eol}` };
}

/**
 * The edit that takes an unused code out of its comment: the whole comment
 * line when it is the only code (or the comment names none), else the code
 * and its separator. Undefined when no suppression is at `range` (a stale
 * diagnostic).
 */
export function removeUnusedSuppression(text: string, range: SourceRange): SourceEdit | undefined {
    const suppression = findSuppressions(text).find(s => s.line === range.start.line);
    if (!suppression) return undefined;
    const entry = suppression.codes.find(c => sameRange(c.range, range));
    if (!entry && !(suppression.codes.length === 0 && sameRange(suppression.range, range))) return undefined;
    if (!entry || suppression.codes.length === 1) return deleteLine(text, suppression);
    const index = suppression.codes.indexOf(entry);
    // Remove the separator before the code (or, for the first code, the one after it).
    const from = index > 0 ? suppression.codes[index - 1].range.end : entry.range.start;
    const to = index > 0 ? entry.range.end : suppression.codes[1].range.start;
    return { range: { start: from, end: to }, newText: '' };
}

function deleteLine(text: string, suppression: Suppression): SourceEdit {
    const lineCount = text.split(/\r?\n/).length;
    const line = suppression.line;
    const end = line + 1 < lineCount ? { line: line + 1, character: 0 } : suppression.range.end;
    return { range: { start: { line, character: 0 }, end }, newText: '' };
}
