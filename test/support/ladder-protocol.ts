import type { ProtocolModel } from '../../language/model/machine-model.js';
import { endState, machine, state, t } from './model-builders.js';

/**
 * A client and a server of `n` two-way decision states each, so that their
 * joint space has about n² points: the client calls, decides n times, then
 * waits for the notification; the server dispatches, decides n times, then
 * completes (`clean`), or waits for a cancel the client never sends.
 */
export function ladderProtocol(n: number, variant: 'clean' | 'waits-for-cancel'): string {
    const lines = ['protocol Ladder', '', 'client Climber {', '  initial state C {', '    call Step', '    on success   -> P0', '    on exception -> End', '  }'];
    for (let i = 0; i < n; i++) lines.push(`  state P${i} {`, `    on left  -> ${i + 1 < n ? `P${i + 1}` : 'WComp'}`, `    on right -> ${i + 1 < n ? `P${i + 1}` : 'WComp'}`, '  }');
    lines.push('  state WComp {', '    await RpcCallComplete', '    -> Comp', '  }', '  state Comp {', '    invoke RpcAsyncCompleteCall', '    -> End', '  }', '  end state End', '}', '');
    lines.push('server Rungs {', '  initial state D {', '    dispatch Step', '    -> Q0', '  }');
    const last = variant === 'clean' ? 'Comp' : 'Hold';
    for (let i = 0; i < n; i++) lines.push(`  state Q${i} {`, `    on left  -> ${i + 1 < n ? `Q${i + 1}` : last}`, `    on right -> ${i + 1 < n ? `Q${i + 1}` : last}`, '  }');
    if (variant === 'waits-for-cancel') lines.push('  state Hold {', '    await RpcClientCancel', '    -> A', '  }', '  state A {', '    invoke RpcAsyncAbortCall', '    -> End', '  }');
    else lines.push('  state Comp {', '    invoke RpcAsyncCompleteCall', '    -> End', '  }');
    lines.push('  end state End', '}', '');
    return lines.join('\n');
}

/** ladderProtocol(n, variant) as a plain model, for the analysis and the worker without parsing. */
export function ladderModel(n: number, variant: 'clean' | 'waits-for-cancel'): ProtocolModel {
    const step = (prefix: string, i: number, last: string) => (i + 1 < n ? `${prefix}${i + 1}` : last);
    const clientStates = [state('C', { initial: true, action: 'call Step', transitions: [t('success -> P0'), t('exception -> End')] })];
    for (let i = 0; i < n; i++) clientStates.push(state(`P${i}`, { transitions: [t(`left -> ${step('P', i, 'WComp')}`), t(`right -> ${step('P', i, 'WComp')}`)] }));
    clientStates.push(
        state('WComp', { action: 'await RpcCallComplete', transitions: [t('-> Comp')] }),
        state('Comp', { action: 'invoke RpcAsyncCompleteCall', transitions: [t('-> End')] }),
        endState(),
    );
    const last = variant === 'clean' ? 'Comp' : 'Hold';
    const serverStates = [state('D', { initial: true, action: 'dispatch Step', transitions: [t('-> Q0')] })];
    for (let i = 0; i < n; i++) serverStates.push(state(`Q${i}`, { transitions: [t(`left -> ${step('Q', i, last)}`), t(`right -> ${step('Q', i, last)}`)] }));
    if (variant === 'waits-for-cancel') {
        serverStates.push(
            state('Hold', { action: 'await RpcClientCancel', transitions: [t('-> A')] }),
            state('A', { action: 'invoke RpcAsyncAbortCall', transitions: [t('-> End')] }),
        );
    } else serverStates.push(state('Comp', { action: 'invoke RpcAsyncCompleteCall', transitions: [t('-> End')] }));
    serverStates.push(endState());
    return { name: 'Ladder', machines: [machine('client', 'Climber', clientStates), machine('server', 'Rungs', serverStates)] };
}
