import type { GrammarAST } from 'langium';
import { ValueConverter } from 'langium';
import type { RpcstateGrammarElements } from './grammar-elements.js';
import { NameTable } from './name-table.js';
import type { TokenBuffer } from './lexer.js';
import type { TokenKind } from './token-kinds.js';
import {
    ARROW, AWAIT, CALL, CLIENT, DISPATCH, END, EOF, ID, INITIAL, INVOKE, LBRACE, ON, PROTOCOL, RAISE, RBRACE, SERVER, STATE, STRING, TOKEN_NAMES, inSet, kinds,
} from './token-kinds.js';

/*
 * Sets of token kinds, named after the grammar positions they belong to. They
 * are what Chevrotain computes from the grammar for its error recovery, written
 * out because every rule of this grammar has exactly one caller:
 *
 * - AFTER_x: the tokens that may follow the token consumed at x (in-rule
 *   recovery: when the expected token is missing and the one found is in this
 *   set, the missing token is taken as inserted; Chevrotain does not count the
 *   end of the file here).
 * - RESYNC_x: the tokens that may follow any rule on the stack while inside x
 *   (re-synchronisation skips to the first of them), and FOLLOW_x the tokens
 *   that may follow rule x in its caller (if the re-sync token is one of them,
 *   x ends there; otherwise x's caller recovers in turn).
 */
const TRANSITION_START = kinds(ON, RAISE, INVOKE, ARROW);
const STATE_START = kinds(INITIAL, STATE, END);
const MACHINE_START = kinds(CLIENT, SERVER);
const AFTER_ACTION = kinds(ON, RAISE, INVOKE, ARROW, RBRACE);

const AFTER_PROTOCOL_KEYWORD = kinds(ID);
const AFTER_PROTOCOL_NAME = kinds(STRING, CLIENT, SERVER);
const AFTER_MACHINE_NAME = kinds(LBRACE);
const AFTER_MACHINE_OPEN = kinds(INITIAL, STATE, END, RBRACE);
const AFTER_MACHINE_CLOSE = MACHINE_START;
const AFTER_STATE_KEYWORD = kinds(ID);
const AFTER_STATE_NAME = kinds(STRING, LBRACE);
const AFTER_STATE_OPEN = kinds(CALL, DISPATCH, AWAIT, INVOKE, RAISE, ON, ARROW, RBRACE);
const AFTER_STATE_CLOSE = kinds(INITIAL, STATE, END, RBRACE);
const AFTER_END_STATE_NAME = kinds(STRING, INITIAL, STATE, END, RBRACE);
const AFTER_ACTION_NAME = AFTER_ACTION;
const AFTER_OUTCOME = kinds(RAISE, INVOKE, ARROW);
const AFTER_ARROW = kinds(ID);
const AFTER_TARGET = AFTER_ACTION;
const AFTER_EFFECT_NAME = kinds(ARROW);

const FOLLOW_PROTOCOL = kinds(EOF);
const FOLLOW_MACHINE = MACHINE_START;
const FOLLOW_STATE = kinds(INITIAL, STATE, END, RBRACE);
const FOLLOW_ACTION = AFTER_ACTION;
const FOLLOW_TRANSITION = AFTER_ACTION;
const FOLLOW_EFFECT = kinds(ARROW);

const RESYNC_PROTOCOL = FOLLOW_PROTOCOL;
const RESYNC_MACHINE = RESYNC_PROTOCOL | FOLLOW_MACHINE;
const RESYNC_STATE = RESYNC_MACHINE | FOLLOW_STATE;
const RESYNC_ACTION = RESYNC_STATE | FOLLOW_ACTION;
const RESYNC_TRANSITION = RESYNC_STATE | FOLLOW_TRANSITION;
const RESYNC_EFFECT = RESYNC_TRANSITION | FOLLOW_EFFECT;

/** Chevrotain's rule names, which Langium suffixes with a zero-width space; the message provider strips it. */
const RULE = (name: string) => `${name}\u200B`;
const STACK_PROTOCOL = [RULE('Protocol')];
const STACK_MACHINE = [...STACK_PROTOCOL, RULE('Machine')];
const STACK_STATE = [...STACK_MACHINE, RULE('State')];
const STACK_ACTION = [...STACK_STATE, RULE('Action')];
const STACK_TRANSITION = [...STACK_STATE, RULE('Transition')];
const STACK_EFFECT = [...STACK_TRANSITION, RULE('Effect')];

/** A node being built: the `$` fields Langium declares read-only are the parser's to set. */
export interface GenericAstNode {
    $type: string;
    [property: string]: unknown;
}

export type NodeType = 'Protocol' | 'Machine' | 'State' | 'Action' | 'Transition' | 'Effect';

/** Thrown to unwind to the nearest rule that can re-synchronise (the error is already recorded). */
const RECOGNITION_FAILED = Object.freeze({ reason: 'rpcstate fast parser: recognition failed' });

/** Where the recognizer reports what it did not expect (syntax-errors.ts words it as Chevrotain would). */
export interface RecognitionErrors {
    mismatch(expected: TokenKind, actual: number, previous: number, ruleStack: readonly string[]): void;
    notAllInputParsed(firstRedundant: number, ruleStack: readonly string[]): void;
}

/**
 * The grammar of `rpcstate.langium` as a recursive-descent recognizer, with
 * Chevrotain's error recovery: single-token insertion and deletion,
 * re-synchronisation between rules, and re-synchronisation inside
 * repetitions. The one decision the grammar leaves to Chevrotain's LL(*)
 * prediction (is `invoke`/`raise` at the start of a body the action or a
 * transition's effect?) is made by `startsWithAction`.
 *
 * What it builds is its subclasses' business, through the hooks at the end:
 * `RecursiveDescentParser` builds Langium's AST and CST (the editor's
 * documents), `ModelParser` the plain model alone (the CLI's check of a file
 * that parses). One grammar, so the two cannot read a text differently.
 * `Span` is what a subclass keeps of an open rule call.
 */
export abstract class RpcstateRecognizer<Span> {
    protected readonly text: string;
    protected readonly tokens: TokenBuffer;
    protected readonly count: number;
    private readonly kindsOf: Uint8Array;
    private readonly errors: RecognitionErrors;
    protected readonly g: RpcstateGrammarElements;
    protected pos = 0;
    /** The value of the last name or description consumed (converted). */
    protected lastValue = '';
    private readonly names: NameTable;

    constructor(text: string, tokens: TokenBuffer, errors: RecognitionErrors, grammar: RpcstateGrammarElements) {
        this.text = text;
        this.tokens = tokens;
        this.count = tokens.count;
        this.kindsOf = tokens.kinds;
        this.errors = errors;
        this.g = grammar;
        // Sized so a large protocol seldom grows the table: the bench's has one distinct name per 19 tokens (the examples one per 5, but they are small).
        this.names = new NameTable(text, tokens.count >> 4);
    }

    /** The entry rule over all tokens; then the tokens it left are an error. */
    protected recognizeProtocol(): GenericAstNode {
        const protocol = this.protocol();
        if (this.pos < this.count) this.errors.notAllInputParsed(this.pos, STACK_PROTOCOL);
        return protocol;
    }

    /**
     * Exactly one `Machine` and nothing else (a throwaway protocol holds it),
     * for re-parsing one machine in place; undefined when the tokens do not
     * start a machine or recovery would go on in the protocol rule.
     */
    protected recognizeMachine(): GenericAstNode | undefined {
        if (!inSet(MACHINE_START, this.la(0))) return undefined;
        const protocol: GenericAstNode = { $type: 'Protocol' };
        try {
            this.machine(protocol);
        } catch (signal) {
            if (signal === RECOGNITION_FAILED) return undefined;
            throw signal;
        }
        return protocol;
    }

    // ---- Rules --------------------------------------------------------------

    private protocol(): GenericAstNode {
        const node = this.newNode('Protocol');
        const g = this.g.protocol;
        try {
            this.expect(PROTOCOL, AFTER_PROTOCOL_KEYWORD, STACK_PROTOCOL, g.keyword);
            this.name(node, this.expect(ID, AFTER_PROTOCOL_NAME, STACK_PROTOCOL, g.name));
            if (this.la(0) === STRING) {
                this.consumeValue(g.description);
                node.description = this.lastValue;
            }
            for (;;) {
                while (inSet(MACHINE_START, this.la(0))) this.machine(node);
                if (!this.recoverInRepetition(EOF, 0, MACHINE_START, RESYNC_PROTOCOL, STACK_PROTOCOL)) break;
            }
        } catch (signal) {
            // The entry rule always re-synchronises: to the end of the file.
            this.resync(signal, RESYNC_PROTOCOL, FOLLOW_PROTOCOL);
        }
        this.closeRoot(node);
        if (node.machines === undefined) node.machines = [];
        return node;
    }

    private machine(protocol: GenericAstNode): void {
        const node = this.newNode('Machine');
        const g = this.g.machine;
        const cst = this.open(this.g.protocol.machines);
        try {
            this.side(node);
            this.name(node, this.expect(ID, AFTER_MACHINE_NAME, STACK_MACHINE, g.name));
            this.expect(LBRACE, AFTER_MACHINE_OPEN, STACK_MACHINE, g.open);
            for (;;) {
                while (inSet(STATE_START, this.la(0))) this.state(node);
                if (!this.recoverInRepetition(RBRACE, AFTER_MACHINE_CLOSE, STATE_START, RESYNC_MACHINE, STACK_MACHINE)) break;
            }
            this.expect(RBRACE, AFTER_MACHINE_CLOSE, STACK_MACHINE, g.close);
        } catch (signal) {
            this.resync(signal, RESYNC_MACHINE, FOLLOW_MACHINE);
        } finally {
            this.close(cst, node);
            if (node.states === undefined) node.states = [];
            this.addToList(protocol, 'machines', node, cst);
        }
    }

    /** The data-type rule Side: a composite node around the keyword, and a string value. Only called on `client` or `server`. */
    private side(machine: GenericAstNode): void {
        const cst = this.open(this.g.machine.side);
        const kind = this.la(0);
        this.consumeLeaf(kind === CLIENT ? this.g.side.client : this.g.side.server);
        this.close(cst, undefined);
        machine.side = TOKEN_NAMES[kind];
    }

    private state(machine: GenericAstNode): void {
        const node = this.newNode('State');
        const cst = this.open(this.g.machine.states);
        try {
            if (this.la(0) === END) this.endStateBody(node);
            else this.stateBody(node);
        } catch (signal) {
            this.resync(signal, RESYNC_STATE, FOLLOW_STATE);
        } finally {
            this.close(cst, node);
            if (node.end === undefined) node.end = false;
            if (node.initial === undefined) node.initial = false;
            if (node.transitions === undefined) node.transitions = [];
            this.addToList(machine, 'states', node, cst);
        }
    }

    private stateBody(node: GenericAstNode): void {
        const g = this.g.state;
        if (this.la(0) === INITIAL) {
            this.consumeLeaf(g.initial);
            node.initial = true;
        }
        this.expect(STATE, AFTER_STATE_KEYWORD, STACK_STATE, g.state);
        this.name(node, this.expect(ID, AFTER_STATE_NAME, STACK_STATE, g.name));
        if (this.la(0) === STRING) {
            this.consumeValue(g.description);
            node.description = this.lastValue;
        }
        this.expect(LBRACE, AFTER_STATE_OPEN, STACK_STATE, g.open);
        if (this.startsWithAction()) this.action(node);
        for (;;) {
            while (inSet(TRANSITION_START, this.la(0))) this.transition(node);
            if (!this.recoverInRepetition(RBRACE, AFTER_STATE_CLOSE, TRANSITION_START, RESYNC_STATE, STACK_STATE)) break;
        }
        this.expect(RBRACE, AFTER_STATE_CLOSE, STACK_STATE, g.close);
    }

    private endStateBody(node: GenericAstNode): void {
        const g = this.g.endState;
        this.consumeLeaf(g.end);
        node.end = true;
        this.expect(STATE, AFTER_STATE_KEYWORD, STACK_STATE, g.state);
        this.name(node, this.expect(ID, AFTER_END_STATE_NAME, STACK_STATE, g.name));
        if (this.la(0) === STRING) {
            this.consumeValue(g.description);
            node.description = this.lastValue;
        }
    }

    /**
     * Whether the body's first tokens are the state's action. `call`,
     * `dispatch` and `await` can only be. `invoke F` and `raise` can also start
     * a transition (`invoke F -> X`); the contract fixes the reading as the
     * action, and this is the decision Chevrotain's LL(*) prediction takes,
     * including on bad input: the action when what follows it can follow an
     * action, or is `->` (both readings, the first wins); otherwise the
     * transition.
     */
    private startsWithAction(): boolean {
        switch (this.la(0)) {
            case CALL: case DISPATCH: case AWAIT: return true;
            case RAISE: return inSet(AFTER_ACTION, this.la(1));
            case INVOKE: return this.la(1) === ID && inSet(AFTER_ACTION, this.la(2));
            default: return false;
        }
    }

    private action(state: GenericAstNode): void {
        const node = this.newNode('Action');
        const g = this.g.action;
        const cst = this.open(this.g.state.action);
        try {
            const kind = this.la(0);
            switch (kind) {
                case CALL: case DISPATCH:
                    this.consumeLeaf(kind === CALL ? g.call : g.dispatch);
                    node.kind = TOKEN_NAMES[kind];
                    if (this.la(0) === ID) {
                        this.consumeValue(kind === CALL ? g.callName : g.dispatchName);
                        node.name = this.lastValue;
                    }
                    break;
                case AWAIT: case INVOKE:
                    this.consumeLeaf(kind === AWAIT ? g.await : g.invoke);
                    node.kind = TOKEN_NAMES[kind];
                    if (this.expect(ID, AFTER_ACTION_NAME, STACK_ACTION, kind === AWAIT ? g.awaitName : g.invokeName) >= 0) node.name = this.lastValue;
                    break;
                default:
                    this.consumeLeaf(g.raise);
                    node.kind = 'raise';
            }
        } catch (signal) {
            this.resync(signal, RESYNC_ACTION, FOLLOW_ACTION);
        } finally {
            this.close(cst, node);
            this.assignChild(state, 'action', node, cst);
        }
    }

    private transition(state: GenericAstNode): void {
        const node = this.newNode('Transition');
        const g = this.g.transition;
        const cst = this.open(this.g.state.transitions);
        try {
            const first = this.la(0);
            if (first === ON) {
                this.consumeLeaf(g.on);
                if (this.expect(ID, AFTER_OUTCOME, STACK_TRANSITION, g.outcome) >= 0) node.outcome = this.lastValue;
                const next = this.la(0);
                if (next === RAISE || next === INVOKE) this.effect(node, g.outcomeEffect);
            } else if (first === RAISE || first === INVOKE) {
                this.effect(node, g.effect);
            }
            this.expect(ARROW, AFTER_ARROW, STACK_TRANSITION, g.arrow);
            const target = this.expect(ID, AFTER_TARGET, STACK_TRANSITION, g.target);
            if (target >= 0) node.target = this.reference(node, target);
        } catch (signal) {
            this.resync(signal, RESYNC_TRANSITION, FOLLOW_TRANSITION);
        } finally {
            this.close(cst, node);
            this.addToList(state, 'transitions', node, cst);
        }
    }

    /** Only called on `raise` or `invoke`. */
    private effect(transition: GenericAstNode, feature: GrammarAST.AbstractElement): void {
        const node = this.newNode('Effect');
        const g = this.g.effect;
        const cst = this.open(feature);
        try {
            if (this.la(0) === RAISE) {
                this.consumeLeaf(g.raise);
                node.kind = 'raise';
            } else {
                this.consumeLeaf(g.invoke);
                node.kind = 'invoke';
                if (this.expect(ID, AFTER_EFFECT_NAME, STACK_EFFECT, g.name) >= 0) node.name = this.lastValue;
            }
        } catch (signal) {
            this.resync(signal, RESYNC_EFFECT, FOLLOW_EFFECT);
        } finally {
            this.close(cst, node);
            this.assignChild(transition, 'effect', node, cst);
        }
    }

    // ---- Tokens and recovery ------------------------------------------------

    /** The kind of the token `ahead` positions after the current one; EOF past the end. */
    private la(ahead: number): TokenKind {
        const i = this.pos + ahead;
        return i < this.count ? this.kindsOf[i] : EOF;
    }

    /**
     * Consumes a token of `kind` that the grammar requires here. When the
     * current token is something else, records the error and recovers as
     * Chevrotain does in a rule: if the current token may follow the missing
     * one, the missing one counts as inserted (returns -1, nothing assigned);
     * if the next token is the wanted one, the current one is skipped;
     * otherwise unwinds to the rules' re-synchronisation.
     */
    private expect(kind: TokenKind, after: number, stack: readonly string[], source: GrammarAST.AbstractElement): number {
        let at = this.pos;
        const found = at < this.count ? this.kindsOf[at] : EOF;
        if (found !== kind) {
            this.errors.mismatch(kind, at, at - 1, stack);
            if (inSet(after, found)) return -1;
            if (this.la(1) !== kind) throw RECOGNITION_FAILED;
            at = ++this.pos;
        }
        if (kind === ID || kind === STRING) this.consumeValue(source);
        else this.consumeLeaf(source);
        return at;
    }

    /** Consumes the current token (its kind already checked) as a leaf with this grammar source. */
    private consumeLeaf(source: GrammarAST.AbstractElement): void {
        this.leaf(this.pos++, source);
    }

    /** Consumes a name or a description and converts its text as Langium's (default) value converter does. */
    private consumeValue(source: GrammarAST.AbstractElement): void {
        const i = this.pos;
        this.consumeLeaf(source);
        const start = this.tokens.starts[i];
        const end = this.tokens.ends[i];
        if (this.tokens.kinds[i] === STRING) {
            const inside = this.text.substring(start + 1, end - 1);
            this.lastValue = inside.includes('\\') ? ValueConverter.convertString(this.text.substring(start, end)) : inside;
        } else {
            this.lastValue = this.names.intern(start, end);
        }
    }

    /**
     * Chevrotain's re-synchronisation when a rule failed: skip to the first
     * token that may follow any rule on the stack; if it may follow this rule,
     * the rule ends there (partial, but kept); otherwise the caller recovers.
     */
    private resync(signal: unknown, resyncSet: number, follow: number): void {
        if (signal !== RECOGNITION_FAILED) throw signal;
        let i = this.pos;
        while (!inSet(resyncSet, i < this.count ? this.kindsOf[i] : EOF)) i++;
        if (!inSet(follow, i < this.count ? this.kindsOf[i] : EOF)) throw RECOGNITION_FAILED;
        this.pos = Math.min(i, this.count);
    }

    /**
     * Chevrotain's recovery after a repetition (`State*`, `Transition*`,
     * `Machine*`) stopped at a token that is neither another iteration nor the
     * token expected after it, `expected`. Unless a single-token insertion or
     * deletion will handle that token, skip tokens up to `expected` (error;
     * the repetition is over) or up to the start of another iteration (error;
     * returns true: the repetition goes on); at a token that may follow the
     * enclosing rules first, give up and rewind (the mismatch that follows
     * reports it).
     */
    private recoverInRepetition(expected: TokenKind, afterExpected: number, iteration: number, resyncSet: number, stack: readonly string[]): boolean {
        const first = this.pos;
        const found = this.la(0);
        if (found === expected || inSet(afterExpected, found) || this.la(1) === expected) return false;
        let i = first;
        while (!inSet(resyncSet, i < this.count ? this.kindsOf[i] : EOF)) i++;
        const resyncKind = i < this.count ? this.kindsOf[i] : EOF;
        for (;;) {
            const kind = this.la(0);
            if (kind === expected || inSet(iteration, kind)) {
                this.errors.mismatch(expected, first, this.pos - 1, stack);
                return kind !== expected;
            }
            if (kind === resyncKind) {
                this.pos = first;
                return false;
            }
            this.pos++;
        }
    }

    // ---- What subclasses build ---------------------------------------------

    protected abstract newNode(type: NodeType): GenericAstNode;
    /** A token was consumed, at `index`, for this grammar element. */
    protected abstract leaf(index: number, source: GrammarAST.AbstractElement): void;
    /** A sub-rule call starts: the rule's node will hold what follows until `close`. */
    protected abstract open(source: GrammarAST.AbstractElement): Span;
    protected abstract close(span: Span, node: GenericAstNode | undefined): void;
    /** The entry rule is done: `node` is the protocol. */
    protected abstract closeRoot(node: GenericAstNode): void;
    /** Langium keeps a sub-rule's node only when the sub-rule consumed something. */
    protected abstract addToList(parent: GenericAstNode, property: string, node: GenericAstNode, span: Span): void;
    protected abstract assignChild(parent: GenericAstNode, property: string, node: GenericAstNode, span: Span): void;
    /** The target of a transition, whose name (`lastValue`) is the token at `index`. */
    protected abstract reference(node: GenericAstNode, index: number): unknown;

    /** `node`'s name was the token at `index`, or is missing (-1, recovery inserted it). */
    protected name(node: GenericAstNode, index: number): void {
        if (index >= 0) node.name = this.lastValue;
    }
}
