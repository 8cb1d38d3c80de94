import type { TokenType } from 'chevrotain';
import type { AstNode, CompositeCstNode, GrammarAST, LeafCstNode, RootCstNode } from 'langium';
import type { Range } from 'vscode-languageserver';
import type { MovableCstNode } from './movable-cst.js';
import { lineMoveAt, offsetMoveAt, smi } from './movable-cst.js';

/**
 * What both leaf classes share: an offset and a line stored without the moves
 * of the containers (added when read), a length, a column, a token type.
 */
abstract class MovableLeaf {
    container: CompositeCstNode | undefined = undefined;
    protected storedOffset: number;
    readonly length: number;
    protected line: number;
    protected readonly column: number;
    readonly tokenType: TokenType;

    constructor(offset: number, length: number, line: number, column: number, tokenType: TokenType) {
        this.storedOffset = smi(offset);
        this.length = smi(length);
        this.line = smi(line);
        this.column = smi(column);
        this.tokenType = tokenType;
    }

    get offset(): number {
        return this.storedOffset + offsetMoveAt(this.container);
    }

    get end(): number {
        return this.offset + this.length;
    }

    get root(): RootCstNode {
        let node = this.container;
        while (node?.container) node = node.container;
        return node as RootCstNode;
    }

    get text(): string {
        const offset = this.offset;
        return this.root.fullText.substring(offset, offset + this.length);
    }

    get astNode(): AstNode {
        if (!this.container) throw new Error('This node has no associated AST element');
        return this.container.astNode;
    }

    move(offset: number, lines: number): void {
        this.storedOffset = smi(this.storedOffset + offset);
        this.line = smi(this.line + lines);
    }
}

/**
 * The CST leaf of a visible token: what Langium's `LeafCstNodeImpl` offers,
 * in seven fields instead of ten, because a visible token never spans lines
 * (its end is its start plus its length). A 12 MB file has two million of
 * them, every one long-lived, so their size is most of what the garbage
 * collector copies during a parse. Langium's CST utilities test for a leaf by
 * shape (`tokenType` is an object), which this class has. Comments, which may
 * span lines, are HiddenLeafCstNode. Offset and line are stored without the
 * moves of the containers (movable-cst.ts), which are added when read.
 */
export class TokenLeafCstNode extends MovableLeaf implements LeafCstNode, MovableCstNode {
    grammarSource: GrammarAST.AbstractElement | undefined;

    constructor(offset: number, length: number, line: number, column: number, tokenType: TokenType, grammarSource: GrammarAST.AbstractElement) {
        super(offset, length, line, column, tokenType);
        this.grammarSource = grammarSource;
    }

    get hidden(): boolean {
        return false;
    }

    get range(): Range {
        const line = this.line + lineMoveAt(this.container);
        return { start: { line, character: this.column }, end: { line, character: this.column + this.length } };
    }
}

/** The CST leaf of a hidden token (a comment or white space), which may span lines: Langium's `LeafCstNodeImpl` with movable positions. */
export class HiddenLeafCstNode extends MovableLeaf implements LeafCstNode, MovableCstNode {
    grammarSource: GrammarAST.AbstractElement | undefined = undefined;
    private endLine: number;
    private readonly endColumn: number;

    constructor(offset: number, length: number, line: number, column: number, endLine: number, endColumn: number, tokenType: TokenType) {
        super(offset, length, line, column, tokenType);
        this.endLine = smi(endLine);
        this.endColumn = smi(endColumn);
    }

    get hidden(): boolean {
        return true;
    }

    get range(): Range {
        const lines = lineMoveAt(this.container);
        return { start: { line: this.line + lines, character: this.column }, end: { line: this.endLine + lines, character: this.endColumn } };
    }

    override move(offset: number, lines: number): void {
        super.move(offset, lines);
        this.endLine = smi(this.endLine + lines);
    }
}
