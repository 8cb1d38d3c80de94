import type { DeadlockTrace } from '../analysis/composition/composition-report.js';
import type { ActionModel, MachineModel, ProtocolModel } from '../model/machine-model.js';
import type { QuickFix } from './quick-fix.js';

/**
 * A protocol-deadlock caused by a procedure mismatch (the client calls one
 * procedure, the server dispatches another): rename one side's procedure to
 * the other's, offered both ways since either side may be the one to change.
 * Every `call` of the client's procedure, or every `dispatch` of the
 * server's, is renamed, so the machine stays consistent with itself; a
 * rename is not offered when the other side uses the old name (a client that
 * calls Compute, then Report, of a server that dispatches only Compute gets
 * "call Compute" only: renaming the dispatch would lose the first call).
 */
export function fixProcedureMismatch(trace: DeadlockTrace, model: ProtocolModel): QuickFix[] {
    const { mismatch } = trace;
    if (!mismatch) return [];
    const client = model.machines.find(m => m.side === 'client');
    const server = model.machines.find(m => m.side === 'server');
    if (!client || !server) return [];
    // A name the other side uses already matches somewhere: renaming it away would break that match.
    const fixes: QuickFix[] = [];
    if (!namesOf(server, 'dispatch').has(mismatch.called)) {
        fixes.push(renameFix(client, 'call', mismatch.called, mismatch.dispatched, `Call ${mismatch.dispatched} in client ${client.name}, as server ${server.name} dispatches it`));
    }
    if (!namesOf(client, 'call').has(mismatch.dispatched)) {
        fixes.push(renameFix(server, 'dispatch', mismatch.dispatched, mismatch.called, `Dispatch ${mismatch.called} in server ${server.name}, as client ${client.name} calls it`));
    }
    return fixes.filter(fix => fix.edits.length > 0);
}

function renameFix(machine: MachineModel, kind: 'call' | 'dispatch', from: string, to: string, title: string): QuickFix {
    const actions = machine.states
        .map(state => state.action)
        .filter((action): action is ActionModel => action?.kind === kind && action.name === from);
    return { title, edits: actions.map(action => ({ range: action.range, newText: `${kind} ${to}` })) };
}

function namesOf(machine: MachineModel, kind: 'call' | 'dispatch'): Set<string | undefined> {
    return new Set(machine.states.filter(state => state.action?.kind === kind).map(state => state.action!.name));
}
