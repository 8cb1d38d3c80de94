import type { AstNode, CstNode } from 'langium';
import { GrammarUtils } from 'langium';
import type { Action, Effect, Machine, Protocol, State, Transition } from '../generated/ast.js';
import type { ActionModel, EffectModel, MachineModel, ProtocolModel, StateModel, TransitionModel } from './machine-model.js';
import type { SourceRange } from './source-range.js';
import { EMPTY_RANGE } from './source-range.js';

/**
 * AST → plain model. Targets stay names (resolved by the analysis with a map),
 * so the model does not depend on Langium's linking. Nodes the parser had to
 * recover from (missing names) get empty names, which the checks treat like
 * any unknown name.
 */
export function buildProtocolModel(protocol: Protocol): ProtocolModel {
    return {
        name: protocol.name ?? '',
        description: protocol.description,
        machines: protocol.machines.map(buildMachine),
    };
}

function buildMachine(machine: Machine): MachineModel {
    return {
        side: machine.side === 'server' ? 'server' : 'client',
        name: machine.name ?? '',
        range: rangeOf(machine.$cstNode),
        nameRange: propertyRange(machine, 'name'),
        states: machine.states.map(buildState),
    };
}

function buildState(state: State): StateModel {
    const nameRange = propertyRange(state, 'name');
    const range = rangeOf(state.$cstNode);
    return {
        name: state.name ?? '',
        description: state.description,
        initial: state.initial === true,
        end: state.end === true,
        range,
        nameRange,
        headerRange: { start: range.start, end: nameRange.end },
        action: state.action ? buildAction(state.action) : undefined,
        transitions: state.transitions.map(buildTransition),
    };
}

function buildAction(action: Action): ActionModel {
    return { kind: action.kind, name: action.name, range: rangeOf(action.$cstNode) };
}

function buildEffect(effect: Effect): EffectModel {
    return { kind: effect.kind, name: effect.name, range: rangeOf(effect.$cstNode) };
}

function buildTransition(transition: Transition): TransitionModel {
    const range = rangeOf(transition.$cstNode);
    return {
        outcome: transition.outcome,
        effect: transition.effect ? buildEffect(transition.effect) : undefined,
        target: transition.target?.$refText ?? '',
        targetRange: transition.target?.$refNode ? rangeOf(transition.target.$refNode) : range,
        range,
    };
}

function rangeOf(cst: CstNode | undefined): SourceRange {
    return cst?.range ?? EMPTY_RANGE;
}

function propertyRange(node: AstNode, property: string): SourceRange {
    const cst = node.$cstNode && GrammarUtils.findNodeForProperty(node.$cstNode, property);
    return rangeOf(cst ?? node.$cstNode);
}
