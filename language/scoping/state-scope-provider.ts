import type { AstNodeDescription, ReferenceInfo, Scope, Stream } from 'langium';
import { AstUtils, DefaultScopeProvider, EMPTY_SCOPE, EMPTY_STREAM, stream } from 'langium';
import type { Machine, State } from '../generated/ast.js';
import { isMachine, isTransition } from '../generated/ast.js';

/**
 * A transition's target is a state of its own machine, looked up by name in a
 * map built once per machine: linking is linear in the number of references.
 * (Langium's default scope scans every candidate per reference: quadratic.)
 */
export class StateScopeProvider extends DefaultScopeProvider {
    private readonly scopes = new WeakMap<Machine, Scope>();

    override getScope(context: ReferenceInfo): Scope {
        if (!isTransition(context.container) || context.property !== 'target') {
            return super.getScope(context);
        }
        const machine = AstUtils.getContainerOfType(context.container, isMachine);
        if (!machine) return EMPTY_SCOPE;
        let scope = this.scopes.get(machine);
        if (!scope) {
            const document = AstUtils.getDocument(machine);
            scope = new MachineStateScope(machine, state => this.descriptions.createDescription(state, state.name, document));
            this.scopes.set(machine, scope);
        }
        return scope;
    }
}

/**
 * The states of one machine by name; the first state of each name wins, so a
 * duplicate does not steal the references of the original. A state's
 * description (which computes its source segment) is made when first asked
 * for: completion after `->` reads a few hundred of a machine's states, and
 * describing all 5,000 of a machine just edited was most of the request.
 */
class MachineStateScope implements Scope {
    private readonly byName = new Map<string, State>();
    private readonly described = new Map<State, AstNodeDescription>();

    constructor(machine: Machine, private readonly describe: (state: State) => AstNodeDescription) {
        for (const state of machine.states) {
            if (state.name && !this.byName.has(state.name)) this.byName.set(state.name, state);
        }
    }

    getElement(name: string): AstNodeDescription | undefined {
        const state = this.byName.get(name);
        return state && this.description(state);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const element = this.getElement(name);
        return element ? stream([element]) : EMPTY_STREAM;
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.byName.values()).map(state => this.description(state));
    }

    private description(state: State): AstNodeDescription {
        let description = this.described.get(state);
        if (!description) this.described.set(state, description = this.describe(state));
        return description;
    }
}
