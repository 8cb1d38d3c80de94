import type { CompositeCstNode, CstNode } from 'langium';
import { CompositeCstNodeImpl, RootCstNodeImpl } from 'langium';
import type { Range } from 'vscode-languageserver';

/**
 * CST nodes that an edit moves without visiting them.
 *
 * A re-parse (state-reparse.ts, machine-reparse.ts) keeps the nodes after
 * the edit, which have moved by the edit's length and lines. Moving them one
 * leaf at a time was a walk over the rest of the document's CST on every
 * keystroke (a sixth of an edit's CPU at 50,000 states per machine). Instead
 * a composite node carries a move that applies to everything under it: a
 * node's offset and line are what it stores plus the moves of its
 * containers, added up when read (a walk up a handful of containers). An
 * edit then moves only the nodes beside the re-parsed one that follow it (the
 * states after it in its machine, the machines after it), one write each.
 * Columns never move: a re-parse needs the edited node to end its line, so
 * every node after it starts on a later line.
 *
 * A composite caches its range as Langium's does, but without its
 * containers' moves, so that a move above it leaves the cache right.
 */
export interface MovableCstNode extends CstNode {
    /** Moves this node and everything under it by `offset` characters and `lines` lines (columns stay). */
    move(offset: number, lines: number): void;
}

interface Moves {
    movedOffset?: number;
    movedLines?: number;
    container?: CompositeCstNode;
}

/** The offset move of everything under `node`: its own and its containers'. */
export function offsetMoveAt(node: CompositeCstNode | undefined): number {
    let sum = 0;
    // `| 0`: a container of another class (none in a tree of the fast parser) moves nothing.
    for (let n = node as Moves | undefined; n !== undefined; n = n.container as Moves | undefined) sum += n.movedOffset! | 0;
    return sum;
}

/** The line move of everything under `node`: its own and its containers'. */
export function lineMoveAt(node: CompositeCstNode | undefined): number {
    let sum = 0;
    for (let n = node as Moves | undefined; n !== undefined; n = n.container as Moves | undefined) sum += n.movedLines! | 0;
    return sum;
}

/** Puts a node built elsewhere (with the positions it has in the document) under `container`, cancelling the container's moves. */
export function placeUnder(node: MovableCstNode, container: CompositeCstNode): void {
    (node as { container?: CompositeCstNode }).container = container;
    const offset = offsetMoveAt(container);
    const lines = lineMoveAt(container);
    // Not `move(-0, -0)`: a -0 stored in a field would turn it from a small integer into a boxed double in every node (see `smi`).
    if (offset !== 0 || lines !== 0) node.move(-offset, -lines);
}

/**
 * A position as V8's small integer. A field of a class that once holds
 * anything else (a -0, a double) is stored boxed in every instance from then
 * on: the CST's half a million composites and million and a half leaves
 * would each carry a heap number, and every read would pay for it.
 */
export function smi(value: number): number {
    return value | 0;
}

/** A composite node of the fast parser's CST. */
export class MovableCompositeCstNode extends CompositeCstNodeImpl implements MovableCstNode {
    movedOffset = 0;
    movedLines = 0;

    override get range(): Range {
        return compositeRange(this);
    }

    move(offset: number, lines: number): void {
        this.movedOffset = smi(this.movedOffset + offset);
        this.movedLines = smi(this.movedLines + lines);
        forgetRange(this);
    }
}

/** A text made one string only when read whole: the language server's `SplicedText` (a string is one too). */
export interface LazyText {
    readonly length: number;
    toString(): string;
    substring(start: number, end: number): string;
    /** Whether `needle` occurs in the text, without making it one string. */
    includes(needle: string): boolean;
}

/**
 * The root of the fast parser's CST: never moves, but its range is cached the
 * same way. A re-parse gives it the new text, which may be one not yet made
 * a string (the language server's `SplicedText`): it is made one when
 * something reads the whole text or a leaf's, not before.
 */
export class MovableRootCstNode extends RootCstNodeImpl {
    readonly movedOffset = 0;
    readonly movedLines = 0;
    private lazyText: LazyText | undefined = undefined;

    override get range(): Range {
        return compositeRange(this);
    }

    override get fullText(): string {
        return this.lazyText === undefined ? super.fullText : this.lazyText.toString();
    }

    override get text(): string {
        return this.fullText.substring(this.offset, this.end);
    }

    /** The object the text was given as: the language server's document factory tells versions apart by it. */
    get textSource(): string | LazyText {
        return this.lazyText ?? super.fullText;
    }

    replaceText(text: string | LazyText): void {
        if (typeof text === 'string') {
            (this as unknown as { _text: string })._text = text;
            this.lazyText = undefined;
        } else {
            (this as unknown as { _text: string })._text = '';
            this.lazyText = text;
        }
    }
}

/** A composite node caches its range on first read. */
export function forgetRange(node: CompositeCstNodeImpl): void {
    (node as unknown as { _rangeCache: unknown })._rangeCache = undefined;
}

const EMPTY: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Langium's composite range (from the first to the last visible child), cached without the containers' line moves. */
function compositeRange(node: CompositeCstNodeImpl): Range {
    const cached = node as unknown as { _rangeCache: Range | undefined };
    const above = lineMoveAt(node.container);
    const local = cached._rangeCache;
    if (local !== undefined) return above === 0 ? local : moveRange(local, above);
    const first = firstVisible(node.content);
    const last = lastVisible(node.content);
    if (!first || !last) return EMPTY;
    const start = first.range.start;
    const end = last.range.end;
    const range = { start, end: end.line < start.line ? start : end };
    cached._rangeCache = above === 0 ? range : moveRange(range, -above);
    return range;
}

function moveRange(range: Range, lines: number): Range {
    return {
        start: { line: range.start.line + lines, character: range.start.character },
        end: { line: range.end.line + lines, character: range.end.character },
    };
}

/** As Langium: the first child that is not hidden, else the first child. */
function firstVisible(content: readonly CstNode[]): CstNode | undefined {
    for (const child of content) if (!child.hidden) return child;
    return content[0];
}

function lastVisible(content: readonly CstNode[]): CstNode | undefined {
    for (let i = content.length - 1; i >= 0; i--) if (!content[i].hidden) return content[i];
    return content[content.length - 1];
}
