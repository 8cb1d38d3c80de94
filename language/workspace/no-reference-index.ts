import type { LangiumDocument, ReferenceDescription, ReferenceDescriptionProvider } from 'langium';

/**
 * Keeps Langium's reference index empty for this language. The index serves
 * two purposes, and neither needs it here: finding the references of a state
 * (MachineReferences scans the state's own machine instead), and telling
 * which documents a change in another document affects (none: references
 * never leave their machine). Building it resolved every reference and
 * allocated a description per transition on every keystroke.
 */
export class NoReferenceIndex implements ReferenceDescriptionProvider {
    async createDescriptions(_document: LangiumDocument): Promise<ReferenceDescription[]> {
        return [];
    }
}
