import type { CstNode, ParseResult, RootCstNode } from 'langium';
import { isCompositeCstNode } from 'langium';

/**
 * What completion's parser has to read to know the grammar positions at
 * `offset`. Langium re-parses the text from the start of the document up to
 * the cursor on every request: deep into a 5,000-state machine that is most
 * of the request, and it grows with the file. The parser's position at the
 * cursor depends only on the rules open there, and inside a machine those
 * are the same after the protocol's header, the machine's header (`client
 * NAME {`) and the text from the start of the state the cursor is in (or
 * follows): the states in between are whole states that the repetition
 * reads and leaves. So that shorter text is given instead, when the tree is
 * the tree of this text and no syntax error comes before that state (an
 * error there could leave the parser elsewhere); otherwise undefined (read
 * from the start, as Langium does).
 */
export function completionParsePrefix(root: RootCstNode, parse: ParseResult, offset: number): string | undefined {
    const text = root.fullText;
    const machines = root.content.filter(node => isCompositeCstNode(node) && node.astNode.$type === 'Machine');
    const machine = machines.find(m => m.offset < offset && offset <= m.end);
    if (!machine || !isCompositeCstNode(machine)) return undefined;
    const brace = machine.content.find(child => !isCompositeCstNode(child) && text.substring(child.offset, child.end) === '{');
    if (!brace || brace.end > offset) return undefined;
    // The last state that starts before the cursor. The children are in text order, so a binary search
    // finds the first one at or after the cursor: reading every child's offset before it was most of a
    // request deep into a large machine (an offset is summed up through the CST's pending moves).
    const content = machine.content;
    let low = 0;
    let high = content.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (content[middle].offset < offset) low = middle + 1;
        else high = middle;
    }
    let from = brace.end;
    for (let i = low - 1; i >= 0; i--) {
        if (isState(content[i])) {
            from = content[i].offset;
            break;
        }
    }
    if (firstErrorOffset(parse) < from) return undefined;
    return text.substring(0, machines[0].offset) + text.substring(machine.offset, brace.end) + ' ' + text.substring(from, offset);
}

function isState(node: CstNode): boolean {
    return isCompositeCstNode(node) && node.astNode.$type === 'State';
}

/** Where the first lexer or parser error is (0 when one has no position: then nothing is skipped). */
function firstErrorOffset(parse: ParseResult): number {
    let first = Infinity;
    for (const error of parse.lexerErrors) first = Math.min(first, error.offset);
    for (const error of parse.parserErrors) {
        const token = error.token.startOffset >= 0 ? error.token : (error as { previousToken?: typeof error.token }).previousToken;
        first = Math.min(first, token && token.startOffset >= 0 ? token.startOffset : 0);
    }
    return first;
}
