import type { LangiumDocument } from 'langium';
import type { LazyText } from '../syntax/fast-parser/movable-cst.js';
import { MovableRootCstNode } from '../syntax/fast-parser/movable-cst.js';

/**
 * The text the document's parse read, as its root holds it: in the language
 * server, a version not yet made one string (spliced-text.ts), which a
 * search for suppression comments reads without making it one.
 */
export function parsedText(document: LangiumDocument): LazyText {
    const root = document.parseResult.value.$cstNode?.root;
    return root instanceof MovableRootCstNode ? root.textSource : root?.fullText ?? document.textDocument.getText();
}
