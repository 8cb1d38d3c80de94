import type { ActionModel, EffectModel, MachineModel, StateModel, TransitionModel } from '../model/machine-model.js';
import type { MachineGraph } from '../analysis/machine-graph.js';
import { buildMachineGraph } from '../analysis/machine-graph.js';
import { effectMethodName, handlersClassName, kebabFileStem, SPEC_IDENTIFIER, stateMethodName } from './naming.js';

/**
 * The shape of the generated API for one machine, decided once and read by
 * every file generator, so the machine module, the handlers skeleton and the
 * paths test always agree on names and on which states need a handler.
 */
export interface MachineApi {
    readonly machine: MachineModel;
    readonly graph: MachineGraph;
    /** File stem, kebab-case (`caller` → caller.machine.ts). */
    readonly fileStem: string;
    readonly handlersClass: string;
    readonly states: readonly StateApi[];
    /** Every transition in spec order; `index` is its position in the generated `transitions` table. */
    readonly transitions: readonly TransitionApi[];
}

export interface StateApi {
    readonly state: StateModel;
    readonly index: number;
    /**
     * The Handlers method that decides this state's outcome, when it needs
     * one: a state with an action (it must act), or a choice (more than one
     * transition). A state without action and with a single transition is
     * taken without asking; End has no handler.
     */
    readonly method: string | undefined;
    /** Named outcomes in spec order (the `on` names). */
    readonly outcomes: readonly string[];
    /** The index of the default transition (no `on`), if the state has one. */
    readonly defaultTransition: number | undefined;
    readonly transitions: readonly TransitionApi[];
}

export interface TransitionApi {
    readonly transition: TransitionModel;
    readonly index: number;
    readonly from: StateModel;
    readonly fromIndex: number;
    readonly to: StateModel;
    readonly toIndex: number;
    /** The Handlers method that performs the effect, when the transition has one. */
    readonly effectMethod: string | undefined;
}

/** A model the generator cannot turn into code: a spec with errors that reached it without `rpcstate check`. */
export class GeneratorInputError extends Error {}

/**
 * Plans the API of a machine. Refuses what the checks would refuse (so a
 * caller that skipped them still cannot produce code that lies): one initial
 * and one end state, unique names, resolved targets, unique outcomes, and
 * names the grammar could have produced.
 */
export function planMachineApi(machine: MachineModel): MachineApi {
    const where = `${machine.side} ${machine.name || '(unnamed)'}`;
    if (machine.incomplete) throw new GeneratorInputError(`${where}: the machine did not parse completely`);
    if (!SPEC_IDENTIFIER.test(machine.name)) throw new GeneratorInputError(`${where}: "${machine.name}" is not a machine name`);
    const graph = buildMachineGraph(machine);
    if (!graph) {
        throw new GeneratorInputError(`${where}: needs exactly one initial state, one end state, unique state names and known targets (run rpcstate check)`);
    }
    const transitions: TransitionApi[] = [];
    const states: StateApi[] = graph.states.map((state, stateIndex) => {
        if (!SPEC_IDENTIFIER.test(state.name)) throw new GeneratorInputError(`${where}: "${state.name}" is not a state name`);
        const own: TransitionApi[] = [];
        const outcomes: string[] = [];
        let defaultTransition: number | undefined;
        graph.edges[stateIndex].forEach(edge => {
            const { transition } = edge;
            const index = transitions.length;
            if (transition.outcome === undefined) {
                if (defaultTransition !== undefined) throw new GeneratorInputError(`${where}: state ${state.name} has two default transitions`);
                defaultTransition = index;
            } else {
                if (!SPEC_IDENTIFIER.test(transition.outcome)) throw new GeneratorInputError(`${where}: "${transition.outcome}" is not an outcome name`);
                if (outcomes.includes(transition.outcome)) {
                    throw new GeneratorInputError(`${where}: state ${state.name} has two transitions on ${transition.outcome}`);
                }
                outcomes.push(transition.outcome);
            }
            const api: TransitionApi = {
                transition,
                index,
                from: state,
                fromIndex: stateIndex,
                to: graph.states[edge.target],
                toIndex: edge.target,
                effectMethod: transition.effect ? effectMethodName(state.name, transition.outcome) : undefined,
            };
            own.push(api);
            transitions.push(api);
        });
        const needsHandler = !state.end && (state.action !== undefined || own.length > 1);
        return {
            state,
            index: stateIndex,
            method: needsHandler ? stateMethodName(state.name) : undefined,
            outcomes,
            defaultTransition,
            transitions: own,
        };
    });
    return {
        machine,
        graph,
        fileStem: kebabFileStem(machine.name),
        handlersClass: handlersClassName(machine.name),
        states,
        transitions,
    };
}

/** How an action or effect reads in the spec: `call FetchRecord`, `invoke RpcAsyncCancelCall`, `raise`. */
export function actionText(action: ActionModel | EffectModel): string {
    return action.name ? `${action.kind} ${action.name}` : action.kind;
}

/** `C --success--> WComp`, `Can --> WComp` for a default. */
export function transitionText(api: TransitionApi): string {
    const outcome = api.transition.outcome;
    return outcome === undefined ? `${api.from.name} --> ${api.to.name}` : `${api.from.name} --${outcome}--> ${api.to.name}`;
}
