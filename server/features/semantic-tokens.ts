import type { AstNode, CstNode } from 'langium';
import { GrammarAST } from 'langium';
import type { SemanticTokenAcceptor } from 'langium/lsp';
import { AbstractSemanticTokenProvider } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { lookupCatalog } from '../../language/analysis/catalog.js';
import { isAction, isEffect, isMachine, isProtocol, isState, isTransition } from '../../language/generated/ast.js';

/**
 * Semantic tokens with the standard types, so every theme colours them:
 * machines `class`, states `enumMember` (`declaration` where declared),
 * catalog functions `function` and events `event` (`defaultLibrary` when the
 * catalog knows them), a call's or dispatch's procedure `function`,
 * outcomes `parameter`, the protocol `namespace`, keywords `keyword`.
 */
export class RpcstateSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        highlightKeywords(node, acceptor);
        if (isProtocol(node)) {
            if (node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.namespace, modifier: SemanticTokenModifiers.declaration });
        } else if (isMachine(node)) {
            if (node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.class, modifier: SemanticTokenModifiers.declaration });
        } else if (isState(node)) {
            if (node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.enumMember, modifier: SemanticTokenModifiers.declaration });
        } else if (isTransition(node)) {
            if (node.outcome) acceptor({ node, property: 'outcome', type: SemanticTokenTypes.parameter });
            if (node.target?.$refText) acceptor({ node, property: 'target', type: SemanticTokenTypes.enumMember });
        } else if ((isAction(node) || isEffect(node)) && node.name) {
            const known = lookupCatalog(node.kind, node.name) !== undefined && (node.kind === 'invoke' || node.kind === 'await');
            acceptor({
                node,
                property: 'name',
                type: node.kind === 'await' ? SemanticTokenTypes.event : SemanticTokenTypes.function,
                modifier: known ? SemanticTokenModifiers.defaultLibrary : [],
            });
        }
    }
}

/**
 * The word keywords written for this node itself: walks its CST without
 * descending into the nodes of child AST elements, so each keyword is seen
 * once and the whole pass stays linear.
 */
function highlightKeywords(node: AstNode, acceptor: SemanticTokenAcceptor): void {
    const visit = (cst: CstNode): void => {
        if (cst.astNode !== node) return;
        if ('content' in cst) {
            for (const child of (cst as CstNode & { content: CstNode[] }).content) visit(child);
        } else if (!cst.hidden && GrammarAST.isKeyword(cst.grammarSource) && /^[a-z]+$/.test(cst.text)) {
            acceptor({ cst, type: SemanticTokenTypes.keyword });
        }
    };
    if (node.$cstNode) visit(node.$cstNode);
}
