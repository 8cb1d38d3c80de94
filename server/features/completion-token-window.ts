import type { CstNode, LeafCstNode } from 'langium';
import { CstUtils, isCompositeCstNode, isLeafCstNode } from 'langium';

/** A stretch of the document text, as offsets: `start` inclusive, `end` exclusive. */
export interface TextWindow {
    readonly start: number;
    readonly end: number;
}

/**
 * Where completion has to lex to find the token at `offset` and the one
 * before it. Langium lexes the whole document on every completion request
 * (about 25 ms and 100,000 token objects at 5,000 states per machine); the
 * answer depends only on the tokens around the offset.
 *
 * The window runs from the start of a CST leaf two leaves before the one at
 * (or before) the offset, to the end of the first leaf that starts after it.
 * Every CST leaf is a token of the full lexing, so both ends are token
 * boundaries: lexing the window gives exactly the tokens of the full text
 * that lie inside it, including any the parser skipped while recovering,
 * since lexing is left to right and each match ends at or before the next
 * token's start. Undefined when the tree has no leaf to anchor on (lex all).
 */
export function completionTokenWindow(root: CstNode, offset: number, textLength: number): TextWindow | undefined {
    const atOrBefore = CstUtils.findLeafNodeBeforeOffset(root, offset);
    const after = atOrBefore ? firstLeafAfter(atOrBefore, offset) : firstLeaf(root);
    if (!atOrBefore && !after) return undefined;
    let first = atOrBefore;
    for (let i = 0; i < 2 && first; i++) first = leafBefore(root, first);
    return { start: first?.offset ?? 0, end: after?.end ?? textLength };
}

function leafBefore(root: CstNode, leaf: LeafCstNode): LeafCstNode | undefined {
    if (leaf.offset === 0) return undefined;
    const before = CstUtils.findLeafNodeBeforeOffset(root, leaf.offset - 1);
    // A leaf at the same or a later offset would not move the window back: give up on it (lex from the start).
    return before && before.offset < leaf.offset ? before : undefined;
}

/** The first leaf after `leaf` that starts after `offset`, or undefined (the window then runs to the end of the text). */
function firstLeafAfter(leaf: LeafCstNode, offset: number): LeafCstNode | undefined {
    let current: LeafCstNode | undefined = leaf;
    while (current && current.offset <= offset) {
        const next = CstUtils.getNextNode(current);
        current = next && firstLeaf(next);
    }
    return current;
}

function firstLeaf(node: CstNode): LeafCstNode | undefined {
    let current: CstNode | undefined = node;
    while (current && isCompositeCstNode(current)) current = current.content[0];
    return current && isLeafCstNode(current) ? current : undefined;
}
