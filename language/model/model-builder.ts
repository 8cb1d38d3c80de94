import type { AstNode, CstNode } from 'langium';
import { AstUtils, GrammarAST, isCompositeCstNode } from 'langium';
import type { Action, Effect, Machine, Protocol, State, Transition } from '../generated/ast.js';
import type { ActionModel, EffectModel, MachineModel, ProtocolModel, StateModel, TransitionModel } from './machine-model.js';
import type { SourcePosition, SourceRange } from './source-range.js';
import { EMPTY_RANGE } from './source-range.js';

/**
 * AST → plain model. Targets stay names (resolved by the analysis with a map),
 * so the model does not depend on Langium's linking. Nodes the parser had to
 * recover from (missing names) get empty names, which the checks treat like
 * any unknown name.
 */
export function buildProtocolModel(protocol: Protocol, syntaxErrors: readonly SourcePosition[] = []): ProtocolModel {
    const machines = protocol.machines.map(buildMachine);
    const incomplete = machinesHitBySyntaxErrors(machines, syntaxErrors);
    return {
        name: protocol.name ?? '',
        description: protocol.description,
        machines: machines.map((machine, i) => (incomplete.has(i) ? { ...machine, incomplete: true } : machine)),
    };
}

/**
 * A syntax error spoils the machines around it, and the last machine that
 * starts before it: recovery may have cut that one short or split it in two.
 */
function machinesHitBySyntaxErrors(machines: readonly MachineModel[], errors: readonly SourcePosition[]): Set<number> {
    const hit = new Set<number>();
    for (const error of errors) {
        let before = -1;
        machines.forEach((machine, i) => {
            if (comparePositions(machine.range.start, error) < 0) before = i;
            if (comparePositions(machine.range.start, error) <= 0 && comparePositions(error, machine.range.end) <= 0) hit.add(i);
        });
        if (before >= 0) hit.add(before);
    }
    return hit;
}

function comparePositions(a: SourcePosition, b: SourcePosition): number {
    return a.line - b.line || a.character - b.character;
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
    const cst = node.$cstNode && firstPropertyNode(node.$cstNode, property, node);
    return rangeOf(cst ?? node.$cstNode);
}

/**
 * The first CST node assigned to `property` of `owner`, searched as
 * GrammarUtils.findNodeForProperty does (the owner's own CST, not its
 * children's), but returning on the first match: that function collects every
 * match through nested flatMap arrays, which was a quarter of the garbage an
 * edit made (about 24 MiB per keystroke at 5,000 states per machine).
 */
function firstPropertyNode(cst: CstNode, property: string, owner: AstNode, isOwnerNode = true): CstNode | undefined {
    if (!isOwnerNode && AstUtils.getContainerOfType(cst.grammarSource, GrammarAST.isAssignment)?.feature === property) return cst;
    if (!isCompositeCstNode(cst) || cst.astNode !== owner) return undefined;
    for (const child of cst.content) {
        const found = firstPropertyNode(child, property, owner, false);
        if (found) return found;
    }
    return undefined;
}
