import type { AstNode, CompositeCstNode, CstNode, ParseResult } from 'langium';
import type { HiddenToken, ScannedText } from './lexer.js';
import type { LazyText, MovableCompositeCstNode, MovableCstNode } from './movable-cst.js';
import { forgetRange, MovableRootCstNode, placeUnder } from './movable-cst.js';

/**
 * Re-parsing one machine instead of the whole text, for an edit inside it.
 *
 * Typing changes one machine at a time. When the previous parse had no error
 * and the text changed only strictly inside one machine (between its first
 * token and its closing `}`, the line after it untouched), that machine's new
 * text is parsed on its own; if it parses wholly and without error, a whole
 * parse could not differ (the grammar is LL and a clean machine reads no token
 * outside itself), so the new machine replaces the old one in the previous
 * tree, and the machines after it move by the edit's length and lines
 * (movable-cst.ts: one write per machine, not per node). Anything
 * else (an error before or after, an edit across machines, a `\r` near the
 * edit) returns undefined, and the caller parses the whole text.
 *
 * The previous tree is reused, not copied: the caller must own it (it is the
 * same document's previous parse, which the new one replaces). The protocol
 * node is new, so caches keyed by the AST root see a new parse.
 * `test/syntax/machine-reparse.test.ts` holds the result equal to a whole parse.
 */

/**
 * Parses a machine's text, alone, as one machine whose first token is at
 * line `line`, column `column`; offsets in the result count from the start
 * of `text`. Undefined unless clean.
 */
export type MachineSpanParser = (text: string, line: number, column: number) => { node: AstNode; cst: MovableCompositeCstNode } | undefined;

/**
 * What a re-parse reads of a text: a few characters and substrings around
 * an edit. A string is one; so is the language server's `SplicedText`, which
 * is never made one string on the way from an edit to its diagnostics.
 */
export interface TextReader {
    readonly length: number;
    charCodeAt(index: number): number;
    substring(start: number, end: number): string;
}

/** The previous parse's text, the new one, and where they differ: [start, oldEnd) of `before` became [start, newEnd) of `after`. */
export interface TextEdit {
    readonly before: TextReader;
    readonly after: TextReader;
    readonly start: number;
    readonly oldEnd: number;
    readonly newEnd: number;
}

/** The text a re-parse gives the root: a string, or a text made one string only when read whole (a `SplicedText`). */
export type RootText = string | LazyText;

/** An AST node as a re-parse rewires it: the `$` fields Langium declares read-only, and the lists it replaces. */
export interface MutableAstNode {
    $container?: AstNode;
    $containerProperty?: string;
    $containerIndex?: number;
    $cstNode?: CstNode;
    machines?: AstNode[];
    states?: AstNode[];
    side?: string;
}

export function reparseChangedMachine(previous: ParseResult, edit: TextEdit, newText: RootText, parseSpan: MachineSpanParser): ParseResult | undefined {
    if (previous.lexerErrors.length > 0 || previous.parserErrors.length > 0) return undefined;
    const protocol = previous.value as AstNode & { machines?: AstNode[] };
    const root = protocol.$cstNode;
    if (!(root instanceof MovableRootCstNode) || !Array.isArray(protocol.machines)) return undefined;
    const { before, after } = edit;

    const index = protocol.machines.findIndex(m => m.$cstNode && m.$cstNode.offset < edit.start && edit.oldEnd < m.$cstNode.end);
    const machine = protocol.machines[index];
    const oldCst = machine?.$cstNode;
    if (!oldCst) return undefined;
    if (oldCst.end < before.length && before.charCodeAt(oldCst.end) !== 10 /* \n */) return undefined;
    const delta = edit.newEnd - edit.oldEnd;
    const { start } = oldCst.range;
    // Parsed from its own text, then moved to where it starts.
    const parsed = parseSpan(after.substring(oldCst.offset, oldCst.end + delta), start.line, start.character);
    if (!parsed) return undefined;

    // The new tree: a new protocol node over the previous root, the new machine in the old one's place.
    const position = root.content.indexOf(oldCst);
    if (position < 0) return undefined;
    const lineDelta = lineBreaks(after, edit.start, edit.newEnd) - lineBreaks(before, edit.start, edit.oldEnd);
    const next = { ...protocol, machines: protocol.machines.slice() } as AstNode & MutableAstNode;
    next.machines![index] = parsed.node;
    next.machines!.forEach((m, i) => {
        const node = m as AstNode & MutableAstNode;
        node.$container = next;
        node.$containerProperty = 'machines';
        node.$containerIndex = i;
    });
    placeUnder(parsed.cst, root);
    parsed.cst.move(oldCst.offset, 0);
    (root.content as CstNode[])[position] = parsed.cst;
    root.replaceText(newText);
    root.astNode = next;
    forgetRange(root);
    if (delta !== 0 || lineDelta !== 0) moveAfter(root, position, delta, lineDelta);
    return { value: next, lexerErrors: [], lexerReport: previous.lexerReport, parserErrors: [] };
}

/**
 * The edit between two whole texts, or undefined when they are the same or a
 * `\r` is near the change (line breaks are counted as `\n`; a `\r`, a line
 * break of its own or half of `\r\n`, near the edit takes the whole parse).
 */
export function textEdit(oldText: string, text: string): TextEdit | undefined {
    const region = changedRegion(oldText, text);
    return region && editBetween(oldText, text, region);
}

/** The edit of a region the caller knows (the language server's log of edits), or undefined when a `\r` is near it. */
export function editBetween(before: TextReader, after: TextReader, region: { start: number; oldEnd: number; newEnd: number }): TextEdit | undefined {
    const { start, oldEnd, newEnd } = region;
    const near = (t: TextReader, end: number) => t.substring(Math.max(0, start - 1), Math.min(t.length, end + 1)).includes('\r');
    if (near(before, oldEnd) || near(after, newEnd)) return undefined;
    return { before, after, start, oldEnd, newEnd };
}

/** Where two texts differ: [start, oldEnd) of the old text became [start, newEnd) of the new; undefined if the same. */
function changedRegion(oldText: string, text: string): { start: number; oldEnd: number; newEnd: number } | undefined {
    const shorter = Math.min(oldText.length, text.length);
    const start = commonPrefix(oldText, text, shorter);
    if (start === oldText.length && start === text.length) return undefined;
    const suffix = commonSuffix(oldText, text, shorter - start);
    const oldEnd = oldText.length - suffix;
    const newEnd = text.length - suffix;
    return { start, oldEnd, newEnd };
}

const CHUNK = 2048;

/** Compared a chunk at a time (a string comparison is a memory comparison), then a character at a time. */
function commonPrefix(a: string, b: string, limit: number): number {
    let i = 0;
    while (i + CHUNK <= limit && a.substring(i, i + CHUNK) === b.substring(i, i + CHUNK)) i += CHUNK;
    while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    return i;
}

function commonSuffix(a: string, b: string, limit: number): number {
    let n = 0;
    while (n + CHUNK <= limit && a.substring(a.length - n - CHUNK, a.length - n) === b.substring(b.length - n - CHUNK, b.length - n)) n += CHUNK;
    while (n < limit && a.charCodeAt(a.length - n - 1) === b.charCodeAt(b.length - n - 1)) n++;
    return n;
}

/** The `\n`s in [from, to) of the text. */
export function lineBreaks(text: TextReader, from: number, to: number): number {
    const region = text.substring(from, to);
    let count = 0;
    for (let i = region.indexOf('\n'); i >= 0; i = region.indexOf('\n', i + 1)) count++;
    return count;
}

/** Moves the children of `parent` after `position` (and so everything under them) by `delta` characters and `lineDelta` lines. */
export function moveAfter(parent: CompositeCstNode, position: number, delta: number, lineDelta: number): void {
    const content = parent.content as readonly CstNode[] as readonly MovableCstNode[];
    for (let i = position + 1; i < content.length; i++) content[i].move(delta, lineDelta);
}

/** The tokens of a machine's text scanned on its own, moved to where the text starts in the document. */
export function placeScannedText(scanned: ScannedText, from: number, line: number, column: number): ScannedText {
    const tokens = scanned.tokens;
    for (let i = 0; i < tokens.count; i++) {
        if (tokens.lines[i] === 0) tokens.columns[i] += column;
        tokens.starts[i] += from;
        tokens.ends[i] += from;
        tokens.lines[i] += line;
    }
    const hidden: HiddenToken[] = scanned.hidden.map(h => ({
        kind: h.kind, start: h.start + from, end: h.end + from,
        line: h.line + line, column: h.line === 0 ? h.column + column : h.column,
        endLine: h.endLine + line, endColumn: h.endLine === 0 ? h.endColumn + column : h.endColumn,
    }));
    return { ...scanned, tokens, hidden };
}
