import type { TokenType } from 'chevrotain';
import type { AstNode, CompositeCstNode, GrammarAST, LeafCstNode, RootCstNode } from 'langium';
import type { Range } from 'vscode-languageserver';

/**
 * The CST leaf of a visible token: what Langium's `LeafCstNodeImpl` offers,
 * in seven fields instead of ten, because a visible token never spans lines
 * (its end is its start plus its length). A 12 MB file has two million of
 * them, every one long-lived, so their size is most of what the garbage
 * collector copies during a parse. Langium's CST utilities test for a leaf by
 * shape (`tokenType` is an object), which this class has. Comments, which may
 * span lines, keep Langium's class.
 */
export class TokenLeafCstNode implements LeafCstNode {
    container: CompositeCstNode | undefined = undefined;
    grammarSource: GrammarAST.AbstractElement | undefined;
    readonly offset: number;
    readonly length: number;
    private readonly line: number;
    private readonly column: number;
    readonly tokenType: TokenType;

    constructor(offset: number, length: number, line: number, column: number, tokenType: TokenType, grammarSource: GrammarAST.AbstractElement) {
        this.grammarSource = grammarSource;
        this.offset = offset;
        this.length = length;
        this.line = line;
        this.column = column;
        this.tokenType = tokenType;
    }

    get end(): number {
        return this.offset + this.length;
    }

    get hidden(): boolean {
        return false;
    }

    get range(): Range {
        return { start: { line: this.line, character: this.column }, end: { line: this.line, character: this.column + this.length } };
    }

    get root(): RootCstNode {
        let node: CompositeCstNode | undefined = this.container;
        while (node?.container) node = node.container;
        return node as RootCstNode;
    }

    get text(): string {
        return this.root.fullText.substring(this.offset, this.offset + this.length);
    }

    get astNode(): AstNode {
        if (!this.container) throw new Error('This node has no associated AST element');
        return this.container.astNode;
    }
}
