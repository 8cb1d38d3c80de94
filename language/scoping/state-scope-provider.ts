import type { AstNodeDescription, ReferenceInfo, Scope } from 'langium';
import { AstUtils, DefaultScopeProvider, EMPTY_SCOPE, MapScope } from 'langium';
import type { Machine } from '../generated/ast.js';
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
            scope = new MapScope(this.stateDescriptions(machine));
            this.scopes.set(machine, scope);
        }
        return scope;
    }

    /** The first state of each name wins, so a duplicate does not steal the references of the original. */
    private stateDescriptions(machine: Machine): AstNodeDescription[] {
        const document = AstUtils.getDocument(machine);
        const seen = new Set<string>();
        const result: AstNodeDescription[] = [];
        for (const state of machine.states) {
            if (!state.name || seen.has(state.name)) continue;
            seen.add(state.name);
            result.push(this.descriptions.createDescription(state, state.name, document));
        }
        return result;
    }
}
