import type { AstNode, LeafCstNode, RootCstNode } from 'langium';
import { CstUtils, GrammarAST } from 'langium';
import type { Protocol, State } from '../generated/ast.js';
import { isAction, isEffect, isMachine, isProtocol, isState, isTransition } from '../generated/ast.js';

/**
 * The layout of the shared examples, as whitespace between tokens: the text
 * of every token (names, strings, comments) is kept as it is, only the gaps
 * change, so formatting can never lose or reorder anything.
 *
 * - One line per unit: the protocol header, a machine's `side Name {`, a
 *   state's header, its action, each transition, each closing `}`.
 * - 2 spaces of indentation per level; a blank line before each machine and
 *   between states (consecutive end states may stay together); none after
 *   `{` or before `}`; a blank line the author left elsewhere (between
 *   comments, say) is kept, at most one.
 * - Within a state, the `->` of the transitions that start with `on` (or an
 *   effect) line up one space after the longest of them, as long as no arrow
 *   moves more than ARROW_REACH columns right for it: a prefix wider than
 *   the narrowest by more than that (`on timeout invoke RpcAsyncCancelCall`
 *   beside `on arrived`) keeps one space before its arrow and does not widen
 *   the column of the others. Like gofmt's alignment, which breaks at an entry
 *   much longer than its neighbours: a far-off arrow is harder to pair with
 *   its trigger than an unaligned one.
 * - A comment on its own line is indented like what follows it; a comment at
 *   the end of a line keeps its distance (at least one space).
 */
export interface Gap {
    /** Offsets in the source: the whitespace from `start` to `end` becomes `text`. */
    readonly start: number;
    readonly end: number;
    readonly text: string;
}

const INDENT = '  ';

/**
 * The most spaces alignment may add before an arrow. The shared examples
 * align prefixes up to 9 columns apart (`on ok` / `on fatal raise`) and
 * leave 26 apart unaligned (`on arrived` / `on timeout invoke …`).
 */
const ARROW_REACH = 12;

interface Unit {
    readonly node: AstNode;
    readonly depth: number;
    readonly closing: boolean;
    /** A blank line always separates this unit from the one before it. */
    readonly blankBefore: boolean;
}

/** The gaps of a formatted document, or undefined when it does not parse (formatting would guess). */
export function layoutGaps(protocol: Protocol, hasSyntaxErrors: boolean): Gap[] | undefined {
    const root = protocol.$cstNode as RootCstNode | undefined;
    if (hasSyntaxErrors || !root) return undefined;
    const text = root.fullText;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const tokens = CstUtils.flattenCst(root).toArray();
    if (tokens.length === 0) return undefined;

    const units = new UnitTable();
    const unitOf = tokens.map(token => (token.hidden ? undefined : units.of(token)));
    const nextCode = nextCodeIndices(unitOf);
    const arrowPad = arrowPadding(tokens, unitOf);

    const gaps: Gap[] = [{ start: 0, end: tokens[0].offset, text: '' }];
    let previousCode = -1; // index of the last non-comment token
    for (let i = 1; i < tokens.length; i++) {
        const token = tokens[i];
        const previous = tokens[i - 1];
        if (unitOf[i - 1]) previousCode = i - 1;
        const unit = unitOf[i];
        const anchor = nextCode[i] >= 0 ? unitOf[nextCode[i]] : undefined;
        const previousUnit = previousCode >= 0 ? unitOf[previousCode] : undefined;
        const afterLineComment = previous.hidden && previous.text.startsWith('//');
        const sourceLines = token.range.start.line - previous.range.end.line;

        let newLine: boolean;
        let indentDepth = 0;
        if (unit) {
            const continues = unit === previousUnit;
            newLine = !continues || afterLineComment;
            indentDepth = continues ? unit.depth + 1 : unit.depth;
        } else {
            newLine = sourceLines > 0 || afterLineComment;
            const interior = anchor !== undefined && anchor === previousUnit;
            indentDepth = !anchor ? 0 : interior ? anchor.depth + 1 : anchor.closing ? anchor.depth + 1 : anchor.depth;
        }

        let gap: string;
        if (newLine) {
            const previousIsCode = unitOf[i - 1] !== undefined || (sourceLinesBefore(tokens, i - 1) === 0 && i - 1 > 0);
            const target = unit ?? anchor;
            const mandated = target !== undefined && target.blankBefore && previousIsCode && target !== previousUnit;
            const afterOpenBrace = !previous.hidden && previous.text === '{';
            const beforeCloseBrace = unit?.closing === true;
            const blank = !afterOpenBrace && !beforeCloseBrace && (mandated || sourceLines >= 2);
            gap = eol.repeat(blank ? 2 : 1) + INDENT.repeat(indentDepth);
        } else if (unit) {
            gap = ' '.repeat(arrowPad.get(i) ?? 1);
        } else {
            const trailing = anchor === undefined || anchor !== previousUnit;
            gap = trailing ? ' '.repeat(Math.max(1, token.offset - previous.end)) : ' ';
        }
        gaps.push({ start: previous.end, end: token.offset, text: gap });
    }
    // Only whitespace lies between CST leaves of a document that lexed cleanly; anything else means the tree is not what it seems.
    if (gaps.some(gap => /\S/.test(text.slice(gap.start, gap.end)))) return undefined;
    const last = tokens[tokens.length - 1];
    gaps.push({ start: last.end, end: text.length, text: eol });
    return gaps;
}

/** Lines between a token and the one before it in the source (0: same line). */
function sourceLinesBefore(tokens: readonly LeafCstNode[], i: number): number {
    return i > 0 ? tokens[i].range.start.line - tokens[i - 1].range.end.line : 1;
}

/** For each token, the index of the first non-comment token at or after it (-1: none). */
function nextCodeIndices(unitOf: ReadonlyArray<Unit | undefined>): number[] {
    const next = new Array<number>(unitOf.length).fill(-1);
    let following = -1;
    for (let i = unitOf.length - 1; i >= 0; i--) {
        if (unitOf[i]) following = i;
        next[i] = following;
    }
    return next;
}

/** Which line unit a token belongs to; one Unit object per unit, so units compare by identity. */
class UnitTable {
    private readonly opening = new Map<AstNode, Unit>();
    private readonly closing = new Map<AstNode, Unit>();

    of(token: LeafCstNode): Unit | undefined {
        let node: AstNode | undefined = token.astNode;
        if (isEffect(node)) node = node.$container;
        const isCloseBrace = GrammarAST.isKeyword(token.grammarSource) && token.text === '}';
        if (isProtocol(node)) return this.get(node, 0, false, () => false);
        if (isMachine(node)) return this.get(node, 0, isCloseBrace, () => true);
        if (isState(node)) return this.get(node, 1, isCloseBrace, () => blankBeforeState(node));
        if (isAction(node) || isTransition(node)) return this.get(node, 2, false, () => false);
        return undefined;
    }

    /** `blankBefore` is asked once per unit, not once per token. */
    private get(node: AstNode, depth: number, closing: boolean, blankBefore: () => boolean): Unit {
        const table = closing ? this.closing : this.opening;
        let unit = table.get(node);
        if (!unit) {
            unit = { node, depth, closing, blankBefore: !closing && blankBefore() };
            table.set(node, unit);
        }
        return unit;
    }
}

/**
 * States are separated by a blank line, except one-line end states that
 * follow each other (as the shared lint examples write them).
 */
function blankBeforeState(state: State): boolean {
    const states = state.$container?.states ?? [];
    const index = state.$containerIndex ?? states.indexOf(state);
    if (index <= 0) return false;
    return !(state.end && states[index - 1].end);
}

/**
 * The spaces before each aligned `->`: within a state, every transition that
 * has something before its arrow (`on NAME`, an effect) and no comment in it,
 * up to ARROW_REACH columns wider than the narrowest; wider ones get one space.
 */
function arrowPadding(tokens: readonly LeafCstNode[], unitOf: ReadonlyArray<Unit | undefined>): Map<number, number> {
    interface Prefix { arrow: number; width: number }
    const byState = new Map<AstNode, Prefix[]>();
    let unitStart = -1;
    let clean = true;
    let width = 0;
    let previousUnit: Unit | undefined;
    for (let i = 0; i < tokens.length; i++) {
        const unit = unitOf[i];
        if (!unit) {
            clean = false;
            continue;
        }
        if (unit !== previousUnit) {
            unitStart = i;
            clean = true;
            width = 0;
            previousUnit = unit;
        }
        if (!isTransition(unit.node)) continue;
        if (tokens[i].text === '->' && GrammarAST.isKeyword(tokens[i].grammarSource)) {
            if (clean && i > unitStart) {
                const state = unit.node.$container;
                const list = byState.get(state) ?? [];
                list.push({ arrow: i, width: width - 1 });
                byState.set(state, list);
            }
        } else {
            width += tokens[i].text.length + 1;
        }
    }
    const padding = new Map<number, number>();
    for (const prefixes of byState.values()) {
        const narrowest = Math.min(...prefixes.map(p => p.width));
        const aligned = prefixes.filter(p => p.width - narrowest <= ARROW_REACH);
        const widest = Math.max(...aligned.map(p => p.width));
        for (const prefix of prefixes) padding.set(prefix.arrow, aligned.includes(prefix) ? widest - prefix.width + 1 : 1);
    }
    return padding;
}
