import type { ActionModel, EffectModel, MachineModel, StateModel, TransitionModel } from './machine-model.js';
import type { SourceRange } from './source-range.js';

/**
 * A copy of a machine as plain data: the model built from the AST reads its
 * ranges lazily through getters and holds AST nodes, so it can be neither
 * structured-cloned to a worker nor compared as JSON. Descriptions are left
 * out: no check reads them, so a description edit gives an equal copy.
 */
export function plainMachine(machine: MachineModel): MachineModel {
    return {
        side: machine.side,
        name: machine.name,
        range: plainRange(machine.range),
        nameRange: plainRange(machine.nameRange),
        states: machine.states.map(plainState),
        ...(machine.incomplete ? { incomplete: true } : {}),
    };
}

function plainState(state: StateModel): StateModel {
    return {
        name: state.name,
        initial: state.initial,
        end: state.end,
        range: plainRange(state.range),
        nameRange: plainRange(state.nameRange),
        headerRange: plainRange(state.headerRange),
        ...(state.action ? { action: plainAction(state.action) } : {}),
        transitions: state.transitions.map(plainTransition),
    };
}

function plainAction(action: ActionModel | EffectModel): ActionModel {
    return { kind: action.kind, ...(action.name !== undefined ? { name: action.name } : {}), range: plainRange(action.range) };
}

function plainTransition(transition: TransitionModel): TransitionModel {
    return {
        ...(transition.outcome !== undefined ? { outcome: transition.outcome } : {}),
        ...(transition.effect ? { effect: plainAction(transition.effect) as EffectModel } : {}),
        target: transition.target,
        targetRange: plainRange(transition.targetRange),
        range: plainRange(transition.range),
    };
}

export function plainRange(range: SourceRange): SourceRange {
    return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}
