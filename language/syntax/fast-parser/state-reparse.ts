import type { AstNode, CstNode, ParseResult } from 'langium';
import type { HiddenToken, ScannedText } from './lexer.js';
import { TokenBuffer } from './lexer.js';
import type { MutableAstNode, RootText, TextEdit } from './machine-reparse.js';
import { lineBreaks, moveAfter, placeScannedText } from './machine-reparse.js';
import { forgetRange, MovableCompositeCstNode, MovableRootCstNode, placeUnder } from './movable-cst.js';
import type { TokenKind } from './token-kinds.js';
import { CLIENT, ID, LBRACE, RBRACE, SERVER } from './token-kinds.js';
import { TokenLeafCstNode } from './token-leaf.js';

/**
 * Re-parsing one state instead of its whole machine, for an edit inside it:
 * machine-reparse.ts one level down. Typing in a 5,000-state machine changes
 * one state; re-parsing the machine rebuilt 5,000 states' AST and CST, all
 * of which survive the edit, so the garbage collector copied and promoted
 * them on every keystroke.
 *
 * When the previous parse had no error and the text changed only strictly
 * inside one state (between its first token and its last, the line after it
 * untouched), that state's new text is scanned on its own and parsed inside
 * a machine made of the real machine's header tokens and its closing `}`. If
 * that gives exactly one state, spanning the whole text, without any error,
 * a whole parse could not differ: the grammar is LL(1) here, the state's
 * first token is unchanged, what follows it is unchanged, and a state never
 * reads past its last token (what can follow a state ends it either way). A
 * comment first or last in the text would belong to the machine, not the
 * state, so such a text is refused. The new state replaces the old one; the
 * machine and protocol nodes are new (caches keyed by them, the kept model
 * and the per-machine scope, see a new machine), the other states' AST and
 * CST are reused, and the nodes after the edit move by its length and lines
 * (movable-cst.ts: one write per state or machine after it, not per node).
 * Anything else returns undefined, and the caller re-parses the machine or
 * the whole text. `test/syntax/machine-reparse.test.ts` holds the result
 * equal to a whole parse.
 *
 * The previous tree is reused, not copied: the caller must own it.
 */

/** The scanner and the parser of one machine's tokens, as the fast parser runs them. */
export interface MachineTokenParser {
    scan(text: string): ScannedText;
    /** The tokens as exactly one clean machine (RecursiveDescentParser.parseMachine), else undefined. */
    parseMachine(text: string, tokens: TokenBuffer, hidden: readonly HiddenToken[]): { node: AstNode; cst: MovableCompositeCstNode } | undefined;
}

type Node = AstNode & MutableAstNode;

export function reparseChangedState(previous: ParseResult, edit: TextEdit, newText: RootText, parser: MachineTokenParser): ParseResult | undefined {
    if (previous.lexerErrors.length > 0 || previous.parserErrors.length > 0) return undefined;
    const protocol = previous.value as Node;
    const root = protocol.$cstNode;
    if (!(root instanceof MovableRootCstNode) || !Array.isArray(protocol.machines)) return undefined;
    const { before, after } = edit;
    const inside = (cst: CstNode | undefined) => cst !== undefined && cst.offset < edit.start && edit.oldEnd < cst.end;

    const machineIndex = protocol.machines.findIndex(m => inside(m.$cstNode));
    const machine = protocol.machines[machineIndex] as Node | undefined;
    const machineCst = machine?.$cstNode;
    if (!machine || !(machineCst instanceof MovableCompositeCstNode) || !Array.isArray(machine.states)) return undefined;
    const stateIndex = stateAround(machine.states, edit.start);
    const oldCst = machine.states[stateIndex]?.$cstNode;
    if (!inside(oldCst) || !(oldCst instanceof MovableCompositeCstNode) || before.charCodeAt(oldCst.end) !== 10 /* \n */) return undefined;

    const delta = edit.newEnd - edit.oldEnd;
    const lineDelta = lineBreaks(after, edit.start, edit.newEnd) - lineBreaks(before, edit.start, edit.oldEnd);
    const from = oldCst.offset;
    const to = oldCst.end + delta;
    const stateText = after.substring(from, to);
    const scanned = parser.scan(stateText);
    const count = scanned.tokens.count;
    if (scanned.errors.length > 0 || count === 0 || scanned.tokens.starts[0] !== 0 || scanned.tokens.ends[count - 1] !== to - from) return undefined;
    const framed = framedState(machine, machineCst, after, stateText, scanned, oldCst.range.start, lineDelta);
    if (!framed) return undefined;
    const parsed = parser.parseMachine(framed.text, framed.tokens, framed.hidden);
    const states = (parsed?.node as Node | undefined)?.states;
    const state = states?.length === 1 ? states[0] as Node : undefined;
    const cst = state?.$cstNode;
    if (!state || !(cst instanceof MovableCompositeCstNode) || cst.offset !== framed.stateOffset || cst.end !== framed.stateOffset + (to - from)) return undefined;
    const position = machineCst.content.indexOf(oldCst);
    const machinePosition = root.content.indexOf(machineCst);
    if (position < 0 || machinePosition < 0) return undefined;

    // The new tree: new protocol and machine nodes over the previous CST, the new state in the old one's place.
    const nextMachine = { ...machine, states: machine.states.slice() } as Node;
    nextMachine.states![stateIndex] = state;
    // The kept states keep their property and index: only their container is new (a write to each of a machine's states, per keystroke).
    for (const kept of nextMachine.states!) (kept as Node).$container = nextMachine;
    adopt(state, nextMachine, 'states', stateIndex);
    const next = { ...protocol, machines: protocol.machines.slice() } as Node;
    next.machines![machineIndex] = nextMachine;
    next.machines!.forEach((m, i) => adopt(m as Node, next, 'machines', i));
    placeUnder(cst, machineCst);
    // Parsed in its frame, then moved to where it is in the document.
    cst.move(from - framed.stateOffset, 0);
    (machineCst.content as CstNode[])[position] = cst;
    machineCst.astNode = nextMachine;
    root.replaceText(newText);
    root.astNode = next;
    forgetRange(root);
    forgetRange(machineCst);
    if (delta !== 0 || lineDelta !== 0) {
        moveAfter(machineCst, position, delta, lineDelta);
        moveAfter(root, machinePosition, delta, lineDelta);
    }
    return { value: next, lexerErrors: [], lexerReport: previous.lexerReport, parserErrors: [] };
}

function adopt(node: Node, container: AstNode, property: string, index: number): void {
    node.$container = container;
    node.$containerProperty = property;
    node.$containerIndex = index;
}

/** The index of the last state that starts before `offset` (states are in text order), or -1. */
function stateAround(states: readonly AstNode[], offset: number): number {
    let low = 0;
    let high = states.length - 1;
    let found = -1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        const start = states[middle].$cstNode?.offset;
        if (start === undefined) return -1;
        if (start < offset) {
            found = middle;
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    return found;
}

/**
 * The state's text in a frame the parser reads as one machine: the machine's
 * header as written (side, name, `{`), the state, a closing `}`. Offsets
 * count from the frame's start (the parser reads names from it); lines and
 * columns are the document's, the closing brace's where the edit moved it.
 * The frame only frames: the parse of the state cannot depend on it.
 */
function framedState(machine: Node, machineCst: MovableCompositeCstNode, after: TextEdit['after'], stateText: string, scanned: ScannedText,
    start: { line: number; character: number }, lineDelta: number): { text: string; tokens: TokenBuffer; hidden: readonly HiddenToken[]; stateOffset: number } | undefined {
    const header = visibleLeaves(machineCst, 3);
    const close = lastVisibleLeaf(machineCst);
    if (header.length !== 3 || !close || close.length !== 1) return undefined;
    const frameStart = header[0].offset;
    const headerText = after.substring(frameStart, header[2].end);
    const stateOffset = headerText.length + 1;
    const text = `${headerText} ${stateText} }`;
    const placed = placeScannedText(scanned, stateOffset, start.line, start.character);
    const tokens = new TokenBuffer(placed.tokens.count + 4);
    const kinds = [machine.side === 'server' ? SERVER : CLIENT, ID, LBRACE];
    header.forEach((leaf, i) => {
        const { line, character } = leaf.range.start;
        tokens.push(kinds[i], leaf.offset - frameStart, leaf.end - frameStart, line, character);
    });
    const state = placed.tokens;
    for (let i = 0; i < state.count; i++) tokens.push(state.kinds[i] as TokenKind, state.starts[i], state.ends[i], state.lines[i], state.columns[i]);
    const { line, character } = close.range.start;
    tokens.push(RBRACE, text.length - 1, text.length, line + lineDelta, character);
    return { text, tokens, hidden: placed.hidden, stateOffset };
}

/** The first `count` visible leaves of a machine's header: its side's keyword, name and `{`. */
function visibleLeaves(machineCst: MovableCompositeCstNode, count: number): TokenLeafCstNode[] {
    const leaves: TokenLeafCstNode[] = [];
    const visit = (node: CstNode): void => {
        if (leaves.length === count) return;
        if (node instanceof TokenLeafCstNode) leaves.push(node);
        else if (node instanceof MovableCompositeCstNode && node.astNode === machineCst.astNode) node.content.forEach(visit);
    };
    // A composite of another node than the machine's is its first state: the header ends there.
    for (const child of machineCst.content) {
        if (child instanceof MovableCompositeCstNode && child.astNode !== machineCst.astNode) break;
        visit(child);
    }
    return leaves;
}

function lastVisibleLeaf(machineCst: MovableCompositeCstNode): TokenLeafCstNode | undefined {
    for (let i = machineCst.content.length - 1; i >= 0; i--) {
        const child = machineCst.content[i];
        if (child instanceof TokenLeafCstNode) return child;
        if (!child.hidden) return undefined;
    }
    return undefined;
}
