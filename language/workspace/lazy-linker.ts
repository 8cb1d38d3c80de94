import type { LangiumDocument } from 'langium';
import { DefaultLinker } from 'langium';

/**
 * Links nothing up front. Langium's Linked phase walks every node and resolves
 * every reference of the document on each keystroke, but nothing in the edit
 * loop reads a resolved target: the model and the analysis use the target's
 * text (`$refText`) and resolve names with their own map. A reference still
 * resolves, through the same scope provider, the first time a feature reads
 * its `.ref` (go to definition, references, rename, hover), and
 * `document.references` then lists it, as Langium's lazy resolution does.
 */
export class LazyLinker extends DefaultLinker {
    override async link(_document: LangiumDocument): Promise<void> {
        // Resolved on first access; see the class comment.
    }
}
