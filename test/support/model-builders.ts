import type { ActionModel, EffectModel, MachineModel, ProtocolModel, Side, StateModel, TransitionModel } from '../../language/model/machine-model.js';
import type { SourceRange } from '../../language/model/source-range.js';

/**
 * Plain models built in code, for testing the analysis without Langium.
 * Every element gets a distinct fake range (its line is its order of creation),
 * so a finding's range says which element it is on.
 */
let nextLine = 0;
function range(): SourceRange {
    const line = nextLine++;
    return { start: { line, character: 0 }, end: { line, character: 1 } };
}

type ActionSpec = string; // 'call', 'dispatch', 'raise', 'invoke X', 'await X'

function action(spec: ActionSpec): ActionModel {
    const [kind, name] = spec.split(' ') as [ActionModel['kind'], string | undefined];
    return { kind, ...(name ? { name } : {}), range: range() };
}

/** `on outcome [effect] -> target`, written as `'outcome -> T'`, `'-> T'`, `'outcome raise -> T'`, `'outcome invoke F -> T'`. */
export function t(spec: string): TransitionModel {
    const [left, target] = spec.split('->').map(s => s.trim());
    const words = left.split(/\s+/).filter(Boolean);
    let outcome: string | undefined;
    let effect: EffectModel | undefined;
    if (words.length > 0 && words[0] !== 'raise' && words[0] !== 'invoke') outcome = words.shift();
    if (words[0] === 'raise') effect = { kind: 'raise', range: range() };
    if (words[0] === 'invoke') effect = { kind: 'invoke', name: words[1], range: range() };
    return { ...(outcome ? { outcome } : {}), ...(effect ? { effect } : {}), target, targetRange: range(), range: range() };
}

export function state(name: string, options: { initial?: boolean; action?: ActionSpec; transitions?: TransitionModel[] } = {}): StateModel {
    const header = range();
    return {
        name,
        initial: options.initial === true,
        end: false,
        range: header,
        nameRange: range(),
        headerRange: header,
        ...(options.action ? { action: action(options.action) } : {}),
        transitions: options.transitions ?? [],
    };
}

export function endState(name = 'End'): StateModel {
    const header = range();
    return { name, initial: false, end: true, range: header, nameRange: range(), headerRange: header, transitions: [] };
}

export function machine(side: Side, name: string, states: StateModel[]): MachineModel {
    return { side, name, range: range(), nameRange: range(), states };
}

export function protocol(...machines: MachineModel[]): ProtocolModel {
    return { name: 'Test', machines };
}

export const documentedClient = (): MachineModel => machine('client', 'Caller', [
    state('C', { initial: true, action: 'call', transitions: [t('success -> WComp'), t('exception -> End'), t('fail -> Can')] }),
    state('Can', { action: 'invoke RpcAsyncCancelCall', transitions: [t('-> WComp')] }),
    state('WComp', { action: 'await RpcCallComplete', transitions: [t('-> Comp')] }),
    state('Comp', { action: 'invoke RpcAsyncCompleteCall', transitions: [t('-> End')] }),
    endState(),
]);

export const documentedServer = (): MachineModel => machine('server', 'Manager', [
    state('D', { initial: true, action: 'dispatch', transitions: [t('-> Comp'), t('fatal raise -> End'), t('graceful -> A')] }),
    state('A', { action: 'invoke RpcAsyncAbortCall', transitions: [t('-> End')] }),
    state('Comp', { action: 'invoke RpcAsyncCompleteCall', transitions: [t('-> End')] }),
    endState(),
]);
