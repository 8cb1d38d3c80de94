import type { IRecognitionException, TokenType } from 'chevrotain';
import type { AstNode, CstNode, GrammarAST, Linker } from 'langium';
import type { CompositeCstNodeImpl } from 'langium';
import type { GenericAstNode, NodeType } from './grammar-recognizer.js';
import { RpcstateRecognizer } from './grammar-recognizer.js';
import type { RpcstateGrammarElements } from './grammar-elements.js';
import type { HiddenToken, TokenBuffer } from './lexer.js';
import type { SyntaxErrorFactory } from './syntax-errors.js';
import { MovableCompositeCstNode, MovableRootCstNode } from './movable-cst.js';
import { HiddenLeafCstNode, TokenLeafCstNode } from './token-leaf.js';
import { TOKEN_NAMES } from './token-kinds.js';

export interface RecursiveDescentInput {
    readonly text: string;
    readonly tokens: TokenBuffer;
    readonly hidden: readonly HiddenToken[];
    readonly errors: SyntaxErrorFactory;
}

export interface ParserServices {
    readonly grammar: RpcstateGrammarElements;
    readonly tokenTypes: Record<string, TokenType>;
    readonly linker: Linker;
}

export interface RecursiveDescentResult {
    readonly value: AstNode;
    readonly parserErrors: IRecognitionException[];
}

/**
 * The grammar's recognizer (grammar-recognizer.ts) building what Langium's
 * generated parser builds: the same AST (types, properties in the same order,
 * defaults, `$container*`, references built by the Linker), the same CST
 * (Langium's composite and root node classes, a leaner leaf class of the same
 * shape, `grammarSource` on the grammar's elements, comment leaves placed
 * where Langium places them) and, for bad input, the same errors and
 * recovered tree. Names and descriptions are converted as Langium's default
 * value converter does (the language has no other; FastRpcstateParser checks).
 */
export class RecursiveDescentParser extends RpcstateRecognizer<CompositeCstNodeImpl> {
    private readonly hidden: readonly HiddenToken[];
    private readonly syntaxErrors: SyntaxErrorFactory;
    private readonly linker: Linker;
    private readonly leafTypes: TokenType[];
    private readonly root: MovableRootCstNode;
    private current: CompositeCstNodeImpl;
    private nextHidden = 0;
    /** The leaf of the last token consumed: a reference's `$refNode`. */
    private lastLeaf: TokenLeafCstNode | undefined;

    constructor(input: RecursiveDescentInput, services: ParserServices) {
        super(input.text, input.tokens, input.errors, services.grammar);
        this.hidden = input.hidden;
        this.syntaxErrors = input.errors;
        this.linker = services.linker;
        this.leafTypes = TOKEN_NAMES.map(name => services.tokenTypes[name]);
        this.root = new MovableRootCstNode(input.text);
        this.current = this.root;
    }

    parse(): RecursiveDescentResult {
        const protocol = this.recognizeProtocol() as AstNode;
        this.attachHidden(Infinity);
        return { value: protocol, parserErrors: this.syntaxErrors.errors };
    }

    /**
     * Parses the tokens as one `Machine` and nothing else, for re-parsing a
     * single machine in place (machine-reparse.ts). Its node and CST are those
     * a whole parse builds, but for the container (a throwaway protocol and
     * root the caller replaces); undefined unless the tokens are exactly one
     * machine without any error, where the whole parse could not differ.
     */
    parseMachine(): { node: AstNode; cst: MovableCompositeCstNode } | undefined {
        const protocol = this.recognizeMachine();
        if (!protocol) return undefined;
        const machines = protocol.machines as GenericAstNode[] | undefined;
        const cst = this.root.content[0];
        const clean = this.pos === this.count && this.nextHidden === this.hidden.length && this.syntaxErrors.errors.length === 0;
        if (!clean || machines?.length !== 1 || this.root.content.length !== 1 || !(cst instanceof MovableCompositeCstNode)) return undefined;
        return { node: machines[0] as AstNode, cst };
    }

    protected newNode(type: NodeType): GenericAstNode {
        return { $type: type };
    }

    protected leaf(index: number, source: GrammarAST.AbstractElement): void {
        const tokens = this.tokens;
        const start = tokens.starts[index];
        if (this.nextHidden < this.hidden.length && this.hidden[this.nextHidden].start < start) this.attachHidden(start);
        const leaf = new TokenLeafCstNode(start, tokens.ends[index] - start, tokens.lines[index], tokens.columns[index], this.leafTypes[tokens.kinds[index]], source);
        const parent = this.current;
        leaf.container = parent;
        (parent.content as CstNode[]).push(leaf);
        this.lastLeaf = leaf;
    }

    protected closeRoot(node: GenericAstNode): void {
        node.$cstNode = this.root;
        this.root.astNode = node as unknown as AstNode;
    }

    protected reference(node: GenericAstNode): unknown {
        return this.linker.buildReference(node as unknown as AstNode, 'target', this.lastLeaf, this.lastValue);
    }

    // ---- CST ----------------------------------------------------------------

    /** Opens the composite node of a sub-rule call; it becomes the node new leaves go to. */
    protected open(source: GrammarAST.AbstractElement): CompositeCstNodeImpl {
        const node = new MovableCompositeCstNode();
        node.grammarSource = source;
        const parent = this.current;
        node.container = parent;
        (parent.content as CstNode[]).push(node);
        this.current = node;
        return node;
    }

    /**
     * Closes a composite node as Langium's builder does: an empty one leaves
     * the tree; the content of another is copied to an array of its exact
     * length (a pushed-to array keeps room for 17), since it lives as long as
     * the document does.
     */
    protected close(cst: CompositeCstNodeImpl, node: GenericAstNode | undefined): void {
        const parent = cst.container as CompositeCstNodeImpl;
        this.current = parent;
        if (node) node.$cstNode = cst;
        if (cst.content.length === 0) {
            const content = parent.content as CstNode[];
            const index = content.lastIndexOf(cst);
            if (index >= 0) content.splice(index, 1);
        } else {
            cst.content = cst.content.slice();
        }
    }

    /**
     * Hidden tokens before `offset` become leaves where Langium's builder puts
     * them: in the open node if it has content already; otherwise before the
     * innermost just-opened node that is not its parent's first child (so a
     * comment above a state belongs to the machine, not to the state).
     */
    private attachHidden(offset: number): void {
        const leaves: CstNode[] = [];
        const hidden = this.hidden;
        while (this.nextHidden < hidden.length && hidden[this.nextHidden].start < offset) {
            const h = hidden[this.nextHidden++];
            leaves.push(new HiddenLeafCstNode(h.start, h.end - h.start, h.line, h.column, h.endLine, h.endColumn, this.leafTypes[h.kind]));
        }
        let node: CompositeCstNodeImpl = this.current;
        if (node.content.length > 0) {
            for (const leaf of leaves) (leaf as { container?: unknown }).container = node;
            for (const leaf of leaves) (node.content as CstNode[]).push(leaf);
            return;
        }
        while (node.container) {
            const parent = node.container as CompositeCstNodeImpl;
            const index = (parent.content as CstNode[]).lastIndexOf(node);
            if (index > 0) {
                this.insertLeaves(parent, index, leaves);
                return;
            }
            node = parent;
        }
        this.insertLeaves(this.root, 0, leaves);
    }

    /** The node before which the leaves go is the parent's last child: move it, rather than copy the parent's content. */
    private insertLeaves(parent: CompositeCstNodeImpl, index: number, leaves: CstNode[]): void {
        const content = parent.content as CstNode[];
        const moved = content.splice(index);
        for (const leaf of leaves) {
            (leaf as { container?: unknown }).container = parent;
            content.push(leaf);
        }
        for (const node of moved) content.push(node);
    }

    // ---- AST ----------------------------------------------------------------

    protected addToList(parent: GenericAstNode, property: string, node: GenericAstNode, cst: CompositeCstNodeImpl): void {
        if (cst.content.length === 0) return;
        cst.astNode = node;
        let list = parent[property] as GenericAstNode[] | undefined;
        if (list === undefined) parent[property] = list = [];
        const index = list.length;
        list.push(node);
        node.$container = parent;
        node.$containerProperty = property;
        node.$containerIndex = index;
    }

    protected assignChild(parent: GenericAstNode, property: string, node: GenericAstNode, cst: CompositeCstNodeImpl): void {
        if (cst.content.length === 0) return;
        cst.astNode = node;
        parent[property] = node;
        node.$container = parent;
        node.$containerProperty = property;
    }
}
