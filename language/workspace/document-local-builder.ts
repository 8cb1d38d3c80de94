import type { LangiumDocument } from 'langium';
import { DefaultDocumentBuilder } from 'langium';

/**
 * Langium relinks (and so re-validates) every document that has an
 * unresolved reference whenever any other document changes, in case the
 * change declares the missing name. Our references are transition targets,
 * resolved only among the states of their own machine, so a change elsewhere
 * can never resolve them: a file with an `unknown-state` would otherwise be
 * re-checked and re-published on every keystroke in every other file.
 */
export class DocumentLocalBuilder extends DefaultDocumentBuilder {
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return this.indexManager.isAffected(document, changedUris);
    }
}
