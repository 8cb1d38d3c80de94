import type { ActionModel, EffectModel, MachineModel, ProtocolModel, StateModel, TransitionModel } from '../model/machine-model.js';
import type { SourceRange } from '../model/source-range.js';
import { rangeContainsRange, sameRange } from '../model/source-range.js';

/**
 * Finds the model element a diagnostic stands on. Every finding's range is
 * the range of one model element (the contract's "where" column), so an
 * exact range match identifies it without re-deriving anything.
 */
export function machineAt(protocol: ProtocolModel, range: SourceRange): MachineModel | undefined {
    return protocol.machines.find(machine => rangeContainsRange(machine.range, range));
}

export function machineNamedAt(protocol: ProtocolModel, range: SourceRange): MachineModel | undefined {
    return protocol.machines.find(machine => sameRange(machine.nameRange, range));
}

export interface StateHit {
    readonly machine: MachineModel;
    readonly state: StateModel;
}

export function stateNamedAt(protocol: ProtocolModel, range: SourceRange): StateHit | undefined {
    const machine = machineAt(protocol, range);
    const state = machine?.states.find(s => sameRange(s.nameRange, range));
    return machine && state ? { machine, state } : undefined;
}

export interface TransitionHit extends StateHit {
    readonly transition: TransitionModel;
}

export function transitionAt(protocol: ProtocolModel, range: SourceRange): TransitionHit | undefined {
    const machine = machineAt(protocol, range);
    for (const state of machine?.states ?? []) {
        const transition = state.transitions.find(t => sameRange(t.range, range));
        if (transition) return { machine: machine!, state, transition };
    }
    return undefined;
}

/** An action or effect: which one it is matters for what may replace it. */
export interface UseHit extends StateHit {
    readonly use: ActionModel | EffectModel;
    /** Set when the use is an effect: the transition that carries it. */
    readonly transition?: TransitionModel;
}

export function useAt(protocol: ProtocolModel, range: SourceRange): UseHit | undefined {
    const machine = machineAt(protocol, range);
    for (const state of machine?.states ?? []) {
        if (state.action && sameRange(state.action.range, range)) return { machine: machine!, state, use: state.action };
        for (const transition of state.transitions) {
            if (transition.effect && sameRange(transition.effect.range, range)) return { machine: machine!, state, use: transition.effect, transition };
        }
    }
    return undefined;
}

export function endStateOf(machine: MachineModel): StateModel | undefined {
    return machine.states.find(state => state.end);
}

/** `base`, or `base2`, `base3`, ...: the first that names no state of the machine and is not taken yet. */
export function freshStateName(machine: MachineModel, base: string, alsoTaken: readonly string[] = []): string {
    const taken = new Set([...machine.states.map(s => s.name), ...alsoTaken]);
    if (!taken.has(base)) return base;
    for (let i = 2; ; i++) {
        if (!taken.has(`${base}${i}`)) return `${base}${i}`;
    }
}
