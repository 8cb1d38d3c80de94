import type { MachineModel, StateModel, TransitionModel } from '../../language/model/machine-model.js';
import { endState, machine, state, t } from './model-builders.js';

/**
 * Small random client/server pairs for the composition tests: well formed
 * (one initial, one End, every target a state), otherwise anything the
 * composition's guard table can meet, legal on its own or not.
 */
const CLIENT_ACTIONS = ['call', 'call A', 'call B', 'await RpcCallComplete', 'invoke RpcAsyncGetCallStatus', 'invoke RpcAsyncCompleteCall', 'invoke RpcAsyncCancelCall', 'await RpcSendComplete', ''];
const SERVER_ACTIONS = ['dispatch', 'dispatch A', 'dispatch B', 'dispatch C', 'await RpcClientCancel', 'await RpcClientDisconnect', 'invoke RpcAsyncCompleteCall', 'invoke RpcAsyncAbortCall', 'raise', 'invoke RpcServerTestCancel', ''];
const CLIENT_EFFECTS = ['', '', '', 'invoke RpcAsyncCancelCall'];
const SERVER_EFFECTS = ['', '', '', 'raise', 'invoke RpcAsyncAbortCall', 'invoke RpcAsyncCompleteCall'];
const OUTCOMES = ['', 'ok', 'pending', 'exception', 'done', 'more'];

export function randomMachine(random: () => number, side: 'client' | 'server', name: string): MachineModel {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const count = 1 + Math.floor(random() * 4);
    const names = [...Array.from({ length: count }, (_, i) => `${side === 'client' ? 'C' : 'S'}${i}`), 'End'];
    const states: StateModel[] = [];
    for (let i = 0; i < count; i++) {
        const action = pick(side === 'client' ? CLIENT_ACTIONS : SERVER_ACTIONS);
        const transitions: TransitionModel[] = [];
        const used = new Set<string>();
        for (let k = 0, n = 1 + Math.floor(random() * 3); k < n; k++) {
            const outcome = pick(OUTCOMES);
            if (used.has(outcome)) continue;
            used.add(outcome);
            const effect = pick(side === 'client' ? CLIENT_EFFECTS : SERVER_EFFECTS);
            transitions.push(t(`${outcome} ${effect} -> ${pick(names)}`));
        }
        states.push(state(names[i], { initial: i === 0, ...(action ? { action } : {}), transitions }));
    }
    states.push(endState());
    return machine(side, name, states);
}
