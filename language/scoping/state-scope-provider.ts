import type { AstNodeDescription, ReferenceInfo, Scope, Stream } from 'langium';
import { AstUtils, DefaultScopeProvider, DONE_RESULT, EMPTY_SCOPE, EMPTY_STREAM, stream, StreamImpl } from 'langium';
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
 * describing all 5,000 of a machine just edited was most of the request. The
 * map by name is built when a name is first looked up (linking, hover,
 * definition), not for completion, which walks the states in order and stops
 * after the few hundred it offers: an edit makes a new machine node, hence a
 * new scope, and mapping its 5,000 states was most of the next completion.
 */
class MachineStateScope implements Scope {
    private byName: Map<string, State> | undefined;
    private readonly described = new Map<State, AstNodeDescription>();

    constructor(private readonly machine: Machine, private readonly describe: (state: State) => AstNodeDescription) {}

    getElement(name: string): AstNodeDescription | undefined {
        const state = this.statesByName().get(name);
        return state && this.description(state);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const element = this.getElement(name);
        return element ? stream([element]) : EMPTY_STREAM;
    }

    /** In document order, the first state of each name only (the order and states of the map by name). */
    getAllElements(): Stream<AstNodeDescription> {
        if (this.byName) return stream(this.byName.values()).map(state => this.description(state));
        // Each iteration of the stream starts over with its own set of names seen.
        return new StreamImpl(
            () => ({ index: 0, seen: new Set<string>() }),
            cursor => {
                const states = this.machine.states;
                while (cursor.index < states.length) {
                    const state = states[cursor.index++];
                    if (!state.name || cursor.seen.has(state.name)) continue;
                    cursor.seen.add(state.name);
                    return { done: false, value: this.description(state) };
                }
                return DONE_RESULT;
            });
    }

    private statesByName(): Map<string, State> {
        if (!this.byName) {
            this.byName = new Map();
            for (const state of this.machine.states) {
                if (state.name && !this.byName.has(state.name)) this.byName.set(state.name, state);
            }
        }
        return this.byName;
    }

    private description(state: State): AstNodeDescription {
        let description = this.described.get(state);
        if (!description) this.described.set(state, description = this.describe(state));
        return description;
    }
}
