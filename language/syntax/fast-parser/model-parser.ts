import type { ActionKind, ActionModel, EffectKind, EffectModel, MachineModel, ProtocolModel, Side, StateModel, TransitionModel } from '../../model/machine-model.js';
import type { SourceRange } from '../../model/source-range.js';
import type { RpcstateGrammarElements } from './grammar-elements.js';
import type { GenericAstNode, NodeType, RecognitionErrors } from './grammar-recognizer.js';
import { RpcstateRecognizer } from './grammar-recognizer.js';
import type { TokenBuffer, UnexpectedCharactersMessages } from './lexer.js';
import { scanRpcstate } from './lexer.js';

/**
 * Text → plain model in one pass, for a text without any syntax error: the
 * grammar's recognizer (grammar-recognizer.ts) building the model's records
 * themselves instead of an AST, a CST and then a model from them. This is the
 * CLI's check (language/pipeline/check-files.ts): on a 12 MB file the AST and
 * CST were two million long-lived objects, most of the check's time (in the
 * garbage collector) and of its memory. Ranges are read from the token arrays
 * when a finding asks for one. Any lexer or parser error abandons the parse
 * (undefined): the document path then parses with recovery and reports the
 * errors. `test/pipeline/model-parser.test.ts` holds both paths to the same
 * report.
 */
export function parseProtocolModel(text: string, grammar: RpcstateGrammarElements, messages: UnexpectedCharactersMessages): ProtocolModel | undefined {
    const scanned = scanRpcstate(text, messages);
    if (scanned.errors.length > 0) return undefined;
    try {
        return new ModelParser(text, scanned.tokens, grammar).parse();
    } catch (signal) {
        if (signal === ABANDONED) return undefined;
        throw signal;
    }
}

const ABANDONED = Object.freeze({ reason: 'rpcstate model parser: the text has a syntax error' });

/** The first error ends the model parse: recovery and its messages are the document path's job. */
const ABANDON_ON_ERROR: RecognitionErrors = {
    mismatch: () => { throw ABANDONED; },
    notAllInputParsed: () => { throw ABANDONED; },
};

/** A rule call's span is the index of its first token; its last is the token before `pos` at close. */
class ModelParser extends RpcstateRecognizer<number> {
    private readonly ranges: TokenRanges;

    constructor(text: string, tokens: TokenBuffer, grammar: RpcstateGrammarElements) {
        super(text, tokens, ABANDON_ON_ERROR, grammar);
        this.ranges = new TokenRanges(tokens);
    }

    parse(): ProtocolModel {
        return this.recognizeProtocol() as unknown as ParsedProtocol;
    }

    protected newNode(type: NodeType): GenericAstNode {
        const node = type === 'State' ? new ParsedState(this.ranges)
            : type === 'Transition' ? new ParsedTransition(this.ranges)
                : type === 'Action' ? new ParsedUse<ActionKind>(this.ranges, 'call')
                    : type === 'Effect' ? new ParsedUse<EffectKind>(this.ranges, 'invoke')
                        : type === 'Machine' ? new ParsedMachine(this.ranges)
                            : new ParsedProtocol(this.ranges);
        return node as unknown as GenericAstNode;
    }

    protected leaf(): void {
        // No tree of tokens: the token arrays are the record.
    }

    protected open(): number {
        return this.pos;
    }

    protected close(span: number, node: GenericAstNode | undefined): void {
        if (!node) return;
        node.first = span;
        node.last = this.pos - 1;
        // An array grown by push keeps room for 17 elements; a state's transitions live as long as the model.
        if (node instanceof ParsedState && node.transitions.length > 0) node.transitions = node.transitions.slice();
    }

    protected closeRoot(): void {
        // The protocol's own range is never asked for.
    }

    protected addToList(parent: GenericAstNode, property: string, node: GenericAstNode, span: number): void {
        if (this.pos > span) (parent[property] as unknown[]).push(node);
    }

    protected assignChild(parent: GenericAstNode, property: string, node: GenericAstNode, span: number): void {
        if (this.pos > span) parent[property] = node;
    }

    protected reference(node: GenericAstNode, index: number): unknown {
        node.targetToken = index;
        return this.lastValue;
    }

    protected override name(node: GenericAstNode, index: number): void {
        super.name(node, index);
        node.nameToken = index;
    }
}

/** Source ranges of tokens and token runs, read from the scanner's arrays (a visible token never spans lines). */
class TokenRanges {
    constructor(private readonly tokens: TokenBuffer) {}

    range(first: number, last: number): SourceRange {
        const { lines, columns, starts, ends } = this.tokens;
        return {
            start: { line: lines[first], character: columns[first] },
            end: { line: lines[last], character: columns[last] + ends[last] - starts[last] },
        };
    }
}

/*
 * The records below are the model's (machine-model.ts) with the parser's
 * bookkeeping: the first and last token of the rule, the name's token. Every
 * field is set in the constructor, in one order, so each kind of record has
 * one shape; the parser assigns the grammar's properties by name.
 */

class ParsedProtocol implements ProtocolModel {
    name = '';
    description: string | undefined = undefined;
    machines: MachineModel[] = [];
    nameToken = -1;

    constructor(private readonly ranges: TokenRanges) {}

    get nameRange(): SourceRange {
        return this.ranges.range(this.nameToken, this.nameToken);
    }
}

/** A rule with a name: its tokens and its name's, and the ranges of both. */
class ParsedNamedRule {
    first = 0;
    last = 0;
    nameToken = -1;

    constructor(private readonly ranges: TokenRanges) {}

    get range(): SourceRange {
        return this.ranges.range(this.first, this.last);
    }

    get nameRange(): SourceRange {
        return this.ranges.range(this.nameToken, this.nameToken);
    }

    /** From the rule's first token to its name: `initial state NAME`. */
    protected get headRange(): SourceRange {
        return this.ranges.range(this.first, this.nameToken);
    }
}

class ParsedMachine extends ParsedNamedRule implements MachineModel {
    side: Side = 'client';
    name = '';
    states: StateModel[] = [];
    readonly incomplete = false;
}

class ParsedState extends ParsedNamedRule implements StateModel {
    name = '';
    description: string | undefined = undefined;
    initial = false;
    end = false;
    action: ActionModel | undefined = undefined;
    transitions: TransitionModel[] = [];

    get headerRange(): SourceRange {
        return this.headRange;
    }
}

/** An action (`kind` an ActionKind) or an effect (an EffectKind): one class, so both have one shape. */
class ParsedUse<K extends ActionKind> {
    name: string | undefined = undefined;
    first = 0;
    last = 0;

    constructor(private readonly ranges: TokenRanges, public kind: K) {}

    get range(): SourceRange {
        return this.ranges.range(this.first, this.last);
    }
}

class ParsedTransition implements TransitionModel {
    outcome: string | undefined = undefined;
    effect: EffectModel | undefined = undefined;
    target = '';
    targetToken = -1;
    first = 0;
    last = 0;

    constructor(private readonly ranges: TokenRanges) {}

    get range(): SourceRange {
        return this.ranges.range(this.first, this.last);
    }

    get targetRange(): SourceRange {
        return this.ranges.range(this.targetToken, this.targetToken);
    }
}
