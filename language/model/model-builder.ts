import type { AstNode, CstNode } from 'langium';
import { AstUtils, GrammarAST, isCompositeCstNode } from 'langium';
import type { Action, Effect, Machine, Protocol, State, Transition } from '../generated/ast.js';
import type { ActionModel, EffectModel, MachineModel, ProtocolModel, StateModel, TransitionModel } from './machine-model.js';
import type { SourcePosition, SourceRange } from './source-range.js';
import { comparePositions, EMPTY_RANGE, rangeContainsPosition } from './source-range.js';

/**
 * AST → plain model. Targets stay names (resolved by the analysis with a map),
 * so the model does not depend on Langium's linking. Nodes the parser had to
 * recover from (missing names) get empty names, which the checks treat like
 * any unknown name.
 *
 * Source ranges are read from the CST when someone asks for them: the checks
 * need the ranges of their few findings only, and computing every range of a
 * 50,000-state machine up front was a third of the model's cost and much of
 * its garbage. They are not kept here: the CST keeps a composite's range
 * (and right when an edit moves the node, movable-cst.ts), a name is among
 * the first children of its node, and a range kept in a state's model had
 * to be cleared in every state an edit moved, on every keystroke. The elements still behave as the
 * plain records of machine-model.ts (copy one field by field, not by spread:
 * the ranges are getters).
 */
/**
 * A machine's model from an earlier build of the same document, when it is
 * still right for `node` (the caller knows which it kept), else undefined.
 */
export type KeptMachineModel = (node: Machine, range: SourceRange, incomplete: boolean) => MachineModel | undefined;

/**
 * Models of a machine's states from an earlier build, by index, where the
 * state's AST node is still the same object (re-parsing one state keeps every
 * other state's node), else undefined: an edit then builds one state's model,
 * not 5,000.
 */
export type KeptStateModels = (node: Machine) => ReadonlyArray<StateModel | undefined> | undefined;

export function buildProtocolModel(protocol: Protocol, syntaxErrors: readonly SourcePosition[] = [], kept?: KeptMachineModel, keptStates?: KeptStateModels): ProtocolModel {
    const ranges = protocol.machines.map(machine => rangeOf(machine.$cstNode));
    const incomplete = machinesHitBySyntaxErrors(ranges, syntaxErrors);
    return {
        name: protocol.name ?? '',
        nameRange: propertyRange(protocol, 'name'),
        description: protocol.description,
        machines: protocol.machines.map((machine, i) => kept?.(machine, ranges[i], incomplete.has(i)) ?? new MachineFromAst(machine, ranges[i], incomplete.has(i), keptStates?.(machine))),
    };
}

/**
 * A syntax error spoils the machines around it, and the last machine that
 * starts before it: recovery may have cut that one short or split it in two.
 */
function machinesHitBySyntaxErrors(machines: readonly SourceRange[], errors: readonly SourcePosition[]): Set<number> {
    const hit = new Set<number>();
    for (const error of errors) {
        let before = -1;
        machines.forEach((range, i) => {
            if (comparePositions(range.start, error) < 0) before = i;
            if (rangeContainsPosition(range, error)) hit.add(i);
        });
        if (before >= 0) hit.add(before);
    }
    return hit;
}

class MachineFromAst implements MachineModel {
    readonly side: MachineModel['side'];
    readonly name: string;
    readonly states: readonly StateModel[];
    private nameRangeCache: SourceRange | undefined = undefined;

    constructor(private readonly node: Machine, readonly range: SourceRange, readonly incomplete: boolean, keptStates?: ReadonlyArray<StateModel | undefined>) {
        this.side = node.side === 'server' ? 'server' : 'client';
        this.name = node.name ?? '';
        this.states = node.states.map((state, i) => StateFromAst.reused(keptStates?.[i], state) ?? new StateFromAst(state));
    }

    get nameRange(): SourceRange {
        return this.nameRangeCache ??= propertyRange(this.node, 'name');
    }
}

class StateFromAst implements StateModel {
    readonly name: string;
    readonly description: string | undefined;
    readonly initial: boolean;
    readonly end: boolean;
    readonly action: ActionModel | undefined;
    readonly transitions: readonly TransitionModel[];

    constructor(private readonly node: State) {
        this.name = node.name ?? '';
        this.description = node.description;
        this.initial = node.initial === true;
        this.end = node.end === true;
        this.action = node.action ? new UseFromAst(node.action) : undefined;
        this.transitions = node.transitions.map(transition => new TransitionFromAst(transition));
    }

    /** `kept` again, if it is the model of this very node (so of the same text): its ranges are read from the node, wherever it moved. */
    static reused(kept: StateModel | undefined, node: State): StateFromAst | undefined {
        return kept instanceof StateFromAst && kept.node === node ? kept : undefined;
    }

    get range(): SourceRange {
        return rangeOf(this.node.$cstNode);
    }

    get nameRange(): SourceRange {
        return propertyRange(this.node, 'name');
    }

    get headerRange(): SourceRange {
        return { start: this.range.start, end: this.nameRange.end };
    }
}

/** An action or an effect: a kind, maybe a name, and a range. */
class UseFromAst<K extends ActionModel['kind']> {
    readonly kind: K;
    readonly name: string | undefined;

    constructor(private readonly node: (Action | Effect) & { kind: K }) {
        this.kind = node.kind;
        this.name = node.name;
    }

    get range(): SourceRange {
        return rangeOf(this.node.$cstNode);
    }
}

/** A transition. */
class TransitionFromAst implements TransitionModel {
    readonly outcome: string | undefined;
    readonly effect: EffectModel | undefined;
    readonly target: string;

    constructor(private readonly node: Transition) {
        this.outcome = node.outcome;
        this.effect = node.effect ? new UseFromAst(node.effect) : undefined;
        this.target = node.target?.$refText ?? '';
    }

    get range(): SourceRange {
        return rangeOf(this.node.$cstNode);
    }

    get targetRange(): SourceRange {
        return this.node.target?.$refNode ? rangeOf(this.node.target.$refNode) : this.range;
    }
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
