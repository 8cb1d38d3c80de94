import type { DiagramState } from './diagram-model.js';

/**
 * What text each box holds and how big it is. The layout runs where no font
 * can be measured (the CLI, the language server), so every label is drawn in
 * a monospace font whose advance is a known fraction of its size: the boxes
 * ELK places are then exactly as wide as the text the renderer writes.
 */
export const FONT_SIZE = { name: 13, detail: 11, edge: 11, title: 13 } as const;
/** Advance of one character of a monospace font, as a fraction of its size (0.6 for the common ones; a little slack). */
const ADVANCE = 0.62;
export const LINE_HEIGHT = 1.35;
export const STATE_PADDING = { x: 10, y: 7 } as const;
const MAX_NAME_CHARS = 40;
const DESCRIPTION_LINE_CHARS = 34;
const DESCRIPTION_MAX_LINES = 2;

export interface TextLine {
    readonly text: string;
    readonly kind: 'name' | 'description' | 'action' | 'waiting';
}

export function textWidth(text: string, fontSize: number): number {
    return Math.ceil([...text].length * fontSize * ADVANCE);
}

export function lineHeight(kind: TextLine['kind'] | 'edge'): number {
    const size = kind === 'name' ? FONT_SIZE.name : kind === 'edge' ? FONT_SIZE.edge : FONT_SIZE.detail;
    return Math.ceil(size * LINE_HEIGHT);
}

/** Control characters and line breaks become spaces: a label is one line of plain text. */
export function singleLine(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

export function shorten(text: string, max: number): string {
    const chars = [...text];
    return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The lines of a state box: its name, its description wrapped to a few lines, its action, and in a drawn deadlock that it waits there. */
export function stateLines(state: DiagramState): TextLine[] {
    const lines: TextLine[] = [{ text: shorten(state.name, MAX_NAME_CHARS), kind: 'name' }];
    if (state.description) {
        for (const text of wrap(singleLine(state.description), DESCRIPTION_LINE_CHARS, DESCRIPTION_MAX_LINES)) lines.push({ text, kind: 'description' });
    }
    if (state.actionLabel) lines.push({ text: shorten(singleLine(state.actionLabel), MAX_NAME_CHARS), kind: 'action' });
    if (state.waits) lines.push({ text: shorten(singleLine(state.waits), MAX_NAME_CHARS), kind: 'waiting' });
    return lines;
}

export function stateBoxSize(lines: readonly TextLine[]): { width: number; height: number } {
    let width = 0;
    let height = 0;
    for (const line of lines) {
        width = Math.max(width, textWidth(line.text, line.kind === 'name' ? FONT_SIZE.name : FONT_SIZE.detail));
        height += lineHeight(line.kind);
    }
    return { width: Math.max(60, width + 2 * STATE_PADDING.x), height: height + 2 * STATE_PADDING.y };
}

/** Greedy word wrap; a word longer than a line is cut; the last line ends in … when text was left out. */
function wrap(text: string, width: number, maxLines: number): string[] {
    const lines: string[] = [];
    let current = '';
    for (const word of text.split(' ').filter(Boolean)) {
        const candidate = current ? `${current} ${word}` : word;
        if ([...candidate].length <= width) {
            current = candidate;
            continue;
        }
        if (current) lines.push(current);
        current = [...word].length > width ? shorten(word, width) : word;
    }
    if (current) lines.push(current);
    if (lines.length <= maxLines) return lines;
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = shorten(`${kept[maxLines - 1]} ${lines[maxLines]}`, width);
    if (!kept[maxLines - 1].endsWith('…')) kept[maxLines - 1] = `${shorten(kept[maxLines - 1], width - 1)}…`;
    return kept;
}
