import type { AstNode } from 'langium';
import { GrammarUtils } from 'langium';
import type { Range } from 'vscode-languageserver';

/** The range of a node's `name`, or undefined when the parser recovered without one. */
export function nameRangeOf(node: AstNode): Range | undefined {
    return GrammarUtils.findNodeForProperty(node.$cstNode, 'name')?.range;
}
