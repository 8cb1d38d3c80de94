import type { AstNode, FindReferencesOptions, LangiumDocument, ReferenceDescription, Stream } from 'langium';
import { AstUtils, CstUtils, DefaultReferences, stream, UriUtils } from 'langium';
import type { State, Transition } from '../generated/ast.js';
import { isMachine, isState } from '../generated/ast.js';

/**
 * Find references without a global index. The only references of the language
 * are transition targets, and a target names a state of its own machine
 * (StateScopeProvider), so the references of a state are the transitions of
 * that machine whose target text is its name and which resolve to it (a
 * duplicate name resolves to the first state of that name, as in linking).
 * One pass over one machine: linear, and nothing to maintain per keystroke.
 * Rename, find references and document highlights all come through here.
 */
export class MachineReferences extends DefaultReferences {
    override findReferences(targetNode: AstNode, options: FindReferencesOptions): Stream<ReferenceDescription> {
        const found: ReferenceDescription[] = options.includeDeclaration ? this.getSelfReferences(targetNode) : [];
        if (isState(targetNode)) {
            const document = AstUtils.getDocument(targetNode);
            if (!options.documentUri || UriUtils.equals(document.uri, options.documentUri)) {
                found.push(...this.transitionsTo(targetNode, document));
            }
        }
        return stream(found);
    }

    private transitionsTo(state: State, document: LangiumDocument): ReferenceDescription[] {
        const machine = state.$container;
        if (!isMachine(machine) || !state.name) return [];
        const targetPath = this.nodeLocator.getAstNodePath(state);
        const found: ReferenceDescription[] = [];
        for (const source of machine.states) {
            for (const transition of source.transitions) {
                if (this.targets(transition, state)) {
                    found.push({
                        sourceUri: document.uri,
                        sourcePath: this.nodeLocator.getAstNodePath(transition),
                        targetUri: document.uri,
                        targetPath,
                        segment: CstUtils.toDocumentSegment(transition.target.$refNode!),
                        local: true,
                    });
                }
            }
        }
        return found;
    }

    /** Compare the text first: only transitions that name the state are resolved. */
    private targets(transition: Transition, state: State): boolean {
        const target = transition.target;
        return target !== undefined && target.$refNode !== undefined && target.$refText === state.name && target.ref === state;
    }
}
