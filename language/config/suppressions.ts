import type { SourceRange } from '../model/source-range.js';

/** The comment that hides diagnostics of the line below it: `// rpcstate-ignore-next-line CODE[, CODE] -- reason`. */
export const SUPPRESSION_DIRECTIVE = 'rpcstate-ignore-next-line';

export interface SuppressedCode {
    readonly code: string;
    /** Where the code is written in the comment (an unused one is reported there). */
    readonly range: SourceRange;
}

export interface Suppression {
    /** The comment's line (0-based); it applies to `line + 1`. */
    readonly line: number;
    /** The whole comment, for the fix that removes it. */
    readonly range: SourceRange;
    readonly codes: readonly SuppressedCode[];
    readonly reason?: string;
}

const COMMENT = new RegExp(`^(\\s*)//\\s*${SUPPRESSION_DIRECTIVE}(?=\\s|$)(.*)$`);

/** A text as the search reads it: a string, or the language server's text not yet made one (language/workspace/spliced-text.ts). */
export interface SearchableText {
    includes(needle: string): boolean;
    toString(): string;
}

/**
 * The suppression comments of a text. Only a `//` comment alone on its line
 * counts (so a string can never hold one, and the line it covers is plain to
 * see); codes are separated by commas or spaces, and everything after ` -- `
 * is the reason. Texts without the directive cost one `indexOf`.
 */
export function findSuppressions(text: SearchableText): Suppression[] {
    if (!text.includes(SUPPRESSION_DIRECTIVE)) return [];
    const result: Suppression[] = [];
    const lines = text.toString().split(/\r?\n/);
    for (let line = 0; line < lines.length; line++) {
        const match = COMMENT.exec(lines[line]);
        if (!match) continue;
        const afterDirective = lines[line].length - match[2].length;
        const separator = match[2].indexOf('--');
        const list = separator < 0 ? match[2] : match[2].slice(0, separator);
        const reason = separator < 0 ? undefined : match[2].slice(separator + 2).trim() || undefined;
        const codes: SuppressedCode[] = [];
        for (const token of list.matchAll(/[^\s,]+/g)) {
            const start = afterDirective + token.index;
            codes.push({ code: token[0], range: { start: { line, character: start }, end: { line, character: start + token[0].length } } });
        }
        result.push({
            line,
            range: { start: { line, character: match[1].length }, end: { line, character: lines[line].length } },
            codes,
            ...(reason ? { reason } : {}),
        });
    }
    return result;
}
