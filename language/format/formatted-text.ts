import type { Protocol } from '../generated/ast.js';
import { layoutGaps } from './format-layout.js';

/**
 * The whole text in the language's layout (format-layout.ts), for hosts that
 * rewrite files (`rpcstate format`); the language server sends the same gaps
 * as edits instead. Undefined when the text has syntax errors: its structure
 * is a guess, so it is left alone.
 */
export function formattedText(protocol: Protocol, text: string, hasSyntaxErrors: boolean): string | undefined {
    const gaps = layoutGaps(protocol, hasSyntaxErrors);
    if (!gaps) return undefined;
    const ordered = [...gaps].sort((a, b) => a.start - b.start);
    const parts: string[] = [];
    let at = 0;
    for (const gap of ordered) {
        parts.push(text.slice(at, gap.start), gap.text);
        at = gap.end;
    }
    parts.push(text.slice(at));
    return parts.join('');
}
