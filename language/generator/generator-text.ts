import type { TraceRegion } from 'langium/generate';
import { CompositeGeneratorNode, NewLineNode } from 'langium/generate';

/**
 * Text pieces for the file generators. The generators hand Langium whole
 * lines as strings (each ending in `\n`) and use its nodes only to compose
 * and to trace: far fewer nodes than one per token or line, which keeps
 * 10,000 states well under a second, and `\n` on every platform, so the
 * output is the same bytes everywhere. Langium counts lines only at its own
 * newline nodes, so `withTargetRanges` recomputes every traced range's
 * line/character from its offsets once the text is known.
 */

/** One line: its text and a newline. */
export function line(text: string): string {
    return `${text}\n`;
}

/** A JSDoc block from comment-safe lines, indented; blank strings become blank comment lines. */
export function docComment(lines: readonly string[], indent = ''): string {
    let text = `${indent}/**\n`;
    for (const entry of lines) text += entry.length === 0 ? `${indent} *\n` : `${indent} * ${entry}\n`;
    return `${text}${indent} */\n`;
}

/** A chunk of fixed code written as a template: without its first newline, with exactly one at the end. */
export function chunk(text: string): string {
    return `${text.replace(/^\n/, '').replace(/\n*$/, '')}\n`;
}

/** Sets each region's target `range` from its offsets in the generated `text`. */
export function withTargetRanges(trace: TraceRegion, text: string): TraceRegion {
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const positionOf = (offset: number) => {
        let low = 0;
        let high = lineStarts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (lineStarts[middle] <= offset) low = middle;
            else high = middle - 1;
        }
        return { line: low, character: offset - lineStarts[low] };
    };
    const visit = (region: TraceRegion): void => {
        const target = region.targetRegion;
        target.range = { start: positionOf(target.offset), end: positionOf(target.end) };
        region.children?.forEach(visit);
    };
    visit(trace);
    return trace;
}

/** A newline node that is `\n` on every platform (Langium's NL is the platform's EOL). */
export const LF = new NewLineNode('\n');

/**
 * Text that ends in `\n`, as a node whose last newline is a newline node.
 * Langium joins the pieces of the current line at every trace boundary, so
 * each traced piece must start on a line of its own, or tracing a large
 * file takes quadratic time.
 */
export function unit(text: string): CompositeGeneratorNode {
    return text.endsWith('\n') ? new CompositeGeneratorNode(text.slice(0, -1), LF) : new CompositeGeneratorNode(text);
}
