import type { ActionModel, EffectModel, StateModel } from '../model/machine-model.js';

/**
 * Everything of a state that the single-machine analysis reads, as one
 * string: its name, whether it is initial or end, its action, and each
 * transition's outcome, effect and target. Not its description and not its
 * ranges. In a machine whose other states are the same, two states with equal
 * keys give the same findings, phases and reachability, but for the ranges
 * inside the state (the editor keeps a machine's result across such an edit:
 * language/pipeline/kept-machine-results.ts). A check that starts reading
 * something else of a state must add it here.
 */
export function stateAnalysisKey(state: StateModel): string {
    return JSON.stringify([state.name, state.initial, state.end, use(state.action), state.transitions.map(t => [t.outcome ?? null, use(t.effect), t.target])]);
}

function use(element: ActionModel | EffectModel | undefined): string | null {
    return element ? `${element.kind} ${element.name ?? ''}` : null;
}
