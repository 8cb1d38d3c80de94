import type { AstNode, LangiumDocument } from 'langium';
import { CstUtils } from 'langium';
import type { FoldingRangeAcceptor } from 'langium/lsp';
import { DefaultFoldingRangeProvider } from 'langium/lsp';
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import { isMachine, isProtocol, isState } from '../../language/generated/ast.js';

const REGION_START = /^\/\/\s*#region\b/;
const REGION_END = /^\/\/\s*#endregion\b/;

/**
 * Folds machines, states and block comments (Langium's default does these
 * from the CST), and `// #region` ... `// #endregion` pairs, as in VS Code's
 * own languages. Actions and transitions are one line each: nothing to fold.
 */
export class RpcstateFoldingRangeProvider extends DefaultFoldingRangeProvider {
    protected override shouldProcess(node: AstNode): boolean {
        return isMachine(node) || isState(node);
    }

    protected override shouldProcessContent(node: AstNode): boolean {
        return isProtocol(node) || isMachine(node);
    }

    protected override collectFolding(document: LangiumDocument, acceptor: FoldingRangeAcceptor): void {
        super.collectFolding(document, acceptor);
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return;
        const open: number[] = [];
        for (const leaf of CstUtils.flattenCst(root)) {
            if (!leaf.hidden) continue;
            if (REGION_START.test(leaf.text)) {
                open.push(leaf.range.start.line);
            } else if (REGION_END.test(leaf.text)) {
                const start = open.pop();
                if (start !== undefined && leaf.range.start.line > start) {
                    acceptor(FoldingRange.create(start, leaf.range.start.line, undefined, undefined, FoldingRangeKind.Region));
                }
            }
        }
    }
}
