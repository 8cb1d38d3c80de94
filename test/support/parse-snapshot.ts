import type { IToken } from 'chevrotain';
import type { AstNode, CstNode, Grammar, ParseResult, Reference } from 'langium';
import { AstUtils, CstUtils, GrammarUtils, isAstNode, isCompositeCstNode, isLeafCstNode, isReference } from 'langium';

/**
 * A parse result as plain JSON, for comparing two parsers: every AST node
 * (type, its own keys in order, container links, CST range, the CST range of
 * each property as `findNodesForProperty` finds it, references by text and
 * `$refNode`), every CST node (leaf or composite, hidden, offsets, range, the
 * grammar element it came from, the AST node it belongs to, token type), and
 * the lexer errors.
 */
export function parseSnapshot(result: ParseResult, grammar: Grammar): unknown {
    const elementIds = new Map<unknown, string>();
    for (const element of AstUtils.streamAst(grammar)) {
        const rule = AstUtils.getContainerOfType(element, (n): n is AstNode & { name: string } => n.$type === 'ParserRule' || n.$type === 'TerminalRule');
        elementIds.set(element, `${rule?.name ?? ''}/${element.$type}#${elementIds.size}`);
    }
    const astIds = new Map<AstNode, number>();
    for (const node of AstUtils.streamAst(result.value)) astIds.set(node, astIds.size);
    return {
        ast: astSnapshot(result.value, astIds),
        cst: result.value.$cstNode ? cstSnapshot(result.value.$cstNode, elementIds, astIds) : undefined,
        lexerErrors: result.lexerErrors.map(e => ({ offset: e.offset, line: e.line, column: e.column, length: e.length, message: e.message })),
    };
}

function range(node: CstNode | undefined): string | undefined {
    if (!node) return undefined;
    const { start, end } = node.range;
    return `${node.offset}+${node.length} ${start.line}:${start.character}-${end.line}:${end.character}`;
}

function astSnapshot(node: AstNode, ids: Map<AstNode, number>): unknown {
    const out: Record<string, unknown> = {
        $id: ids.get(node),
        $keys: Object.keys(node).filter(key => key !== '$document').join(','),
        $container: node.$container ? ids.get(node.$container) : undefined,
        $containerProperty: node.$containerProperty,
        $containerIndex: node.$containerIndex,
        $cstNode: range(node.$cstNode),
        $cstAstNode: node.$cstNode ? ids.get(node.$cstNode.astNode) : undefined,
    };
    for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('$')) continue;
        out[key] = valueSnapshot(value, ids);
        out[`${key}@cst`] = GrammarUtils.findNodesForProperty(node.$cstNode, key).map(range);
    }
    for (const keyword of ['{', '}', '->', 'state', 'on']) {
        const found = GrammarUtils.findNodesForKeyword(node.$cstNode, keyword);
        if (found.length > 0) out[`'${keyword}'@cst`] = found.map(range);
    }
    return out;
}

function valueSnapshot(value: unknown, ids: Map<AstNode, number>): unknown {
    if (Array.isArray(value)) return value.map(item => valueSnapshot(item, ids));
    if (isAstNode(value)) return astSnapshot(value, ids);
    if (isReference(value)) {
        const reference = value as Reference;
        return { $refText: reference.$refText, $refNode: range(reference.$refNode), $refNodeSource: reference.$refNode?.grammarSource?.$type };
    }
    return value;
}

function cstSnapshot(root: CstNode, elementIds: Map<unknown, string>, astIds: Map<AstNode, number>): unknown[] {
    const out: unknown[] = [];
    for (const node of CstUtils.streamCst(root)) {
        let astNode: AstNode | undefined;
        try {
            astNode = node.astNode;
        } catch {
            astNode = undefined;
        }
        out.push({
            kind: isLeafCstNode(node) ? 'leaf' : isCompositeCstNode(node) ? 'composite' : 'other',
            range: range(node),
            hidden: node.hidden,
            text: isLeafCstNode(node) ? node.text : undefined,
            tokenType: isLeafCstNode(node) ? node.tokenType.name : undefined,
            grammarSource: node.grammarSource ? elementIds.get(node.grammarSource) ?? 'foreign element' : undefined,
            astNode: astNode ? astIds.get(astNode) ?? 'foreign node' : undefined,
            children: isCompositeCstNode(node) ? node.content.length : undefined,
        });
    }
    return out;
}

/** The 0-based line Langium's validator reports a parser error on (the token's, or the end of the token before it). */
export function parserErrorLine(error: ParseResult['parserErrors'][number]): number {
    if (CstUtils.isValidTokenRange(error.token)) return error.token.startLine! - 1;
    const previous = (error as { previousToken?: IToken }).previousToken;
    return previous && CstUtils.isValidTokenRange(previous) ? previous.endLine! - 1 : 0;
}
