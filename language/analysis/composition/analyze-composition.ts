import type { MachineModel, ProtocolModel } from '../../model/machine-model.js';
import type { Finding } from '../finding.js';
import { finding } from '../finding.js';
import type { MachineGraph } from '../machine-graph.js';
import { buildMachineGraph } from '../machine-graph.js';
import type { CompiledMachine } from './compiled-machine.js';
import { clientProcedures, compileMachine } from './compiled-machine.js';
import { deadlockFindings } from './deadlock-findings.js';
import type { Deadlock } from './deadlock-findings.js';
import type { JointSpace } from './joint-exploration.js';
import { exploreJointSpace } from './joint-exploration.js';
import { findStuckPoints } from './stuck-points.js';
import { groupedDigits } from '../grouped-digits.js';

/**
 * The most joint points the composition explores. Past it the check stops
 * and says how far it got (`composition-skipped`): never a wrong verdict.
 * At about 110 bytes a reachable point (measured by `npm run bench`, see
 * docs/performance.md), the budget bounds the memory to about 220 MB.
 */
export const COMPOSITION_BUDGET = 2_000_000;

export interface CompositionOptions {
    /** At most this many joint points (default COMPOSITION_BUDGET; undefined means the default). */
    readonly budget?: number | undefined;
    /**
     * Asked now and then during the check (every few thousand joint points,
     * and between its phases): true ends it with status `cancelled`. The
     * language server's worker passes a read of a shared flag, so a newer
     * edit stops a check without ending the thread.
     */
    readonly shouldStop?: (() => boolean) | undefined;
    /** Whether a machine has a graph, when the caller knows it (`MachineAnalysis.pathChecked`); otherwise the gate builds the graphs to learn it. */
    readonly wellFormed?: ((machine: MachineModel) => boolean) | undefined;
}

/**
 * What the client × server check found. `not-run`: the contract's gate
 * (exactly one client and one server, each well-formed and free of errors)
 * is closed, with the reason. `checked`: the whole reachable joint space was
 * explored. `skipped`: the budget stopped it; `findings` holds the one
 * composition-skipped finding. `cancelled`: `shouldStop` ended it; no
 * verdict and no findings, nothing to show or keep (only a caller that
 * passes `shouldStop` ever sees it).
 */
export interface CompositionResult {
    readonly status: 'not-run' | 'checked' | 'skipped' | 'cancelled';
    readonly reason?: string;
    readonly client?: string;
    readonly server?: string;
    /** Joint points explored (all reachable ones when checked). */
    readonly points: number;
    /** Transitions taken between them. */
    readonly steps: number;
    readonly deadlocks: readonly Deadlock[];
    /** protocol-deadlock findings (sorted by position), or the composition-skipped one. */
    readonly findings: readonly Finding[];
}

/**
 * The client and the server to compose, or why there are none. `wellFormed`
 * says whether a machine has a graph (one initial, one end, unique names,
 * known targets); a caller holding the single-machine analysis already knows
 * it (`MachineAnalysis.pathChecked`) and need not build the graphs again.
 */
export function compositionPair(protocol: ProtocolModel, machineFindings: readonly Finding[], wellFormed: (machine: MachineModel) => boolean): { client: MachineModel; server: MachineModel } | { reason: string } {
    const clients = protocol.machines.filter(m => m.side === 'client');
    const servers = protocol.machines.filter(m => m.side === 'server');
    if (clients.length !== 1 || servers.length !== 1) return { reason: 'the protocol needs exactly one client and one server' };
    const withErrors = (m: MachineModel) => machineFindings.some(f => f.severity === 'error' && f.machine === m.name);
    const usable = (m: MachineModel) => !m.incomplete && !withErrors(m) && wellFormed(m);
    if (!usable(clients[0])) return { reason: `client ${clients[0].name} has errors of its own` };
    if (!usable(servers[0])) return { reason: `server ${servers[0].name} has errors of its own` };
    return { client: clients[0], server: servers[0] };
}

/** The two machines to compose as graphs, or why there are none. */
export function compositionGate(protocol: ProtocolModel, machineFindings: readonly Finding[], wellFormed?: (machine: MachineModel) => boolean): { client: MachineGraph; server: MachineGraph } | { reason: string } {
    const graphs = new Map<MachineModel, MachineGraph>();
    const pair = compositionPair(protocol, machineFindings, wellFormed ?? (m => {
        const graph = buildMachineGraph(m);
        if (graph) graphs.set(m, graph);
        return graph !== undefined;
    }));
    if ('reason' in pair) return pair;
    const graphOf = (m: MachineModel) => graphs.get(m) ?? buildMachineGraph(m)!;
    return { client: graphOf(pair.client), server: graphOf(pair.server) };
}

/**
 * The client × server check of ../shared/design/composition.md: explores the
 * joint runs of the protocol's client and server and reports every action
 * that can wait forever. `machineFindings` are the single-machine findings
 * (the gate reads their errors). Pure, like the rest of the analysis.
 */
export function analyzeComposition(protocol: ProtocolModel, machineFindings: readonly Finding[], options: CompositionOptions = {}): CompositionResult {
    const gate = compositionGate(protocol, machineFindings, options.wellFormed);
    if ('reason' in gate) return { status: 'not-run', reason: gate.reason, points: 0, steps: 0, deadlocks: [], findings: [] };
    const procedures = clientProcedures(gate.client);
    const client = compileMachine(gate.client, procedures);
    const server = compileMachine(gate.server, procedures);
    const budget = options.budget ?? COMPOSITION_BUDGET;
    const { shouldStop } = options;
    const names = { client: gate.client.machine.name, server: gate.server.machine.name };
    const cancelled = (points: number, steps: number): CompositionResult => ({ status: 'cancelled', ...names, points, steps, deadlocks: [], findings: [] });
    const space = exploreJointSpace(client, server, budget, shouldStop);
    const steps = space.succStart[space.points.count];
    if (space.stopped || shouldStop?.()) return cancelled(space.points.count, steps);
    if (!space.complete) {
        const reached = { points: space.points.count, depth: depthOf(space, space.points.count - 1) };
        return { status: 'skipped', ...names, points: reached.points, steps, deadlocks: [], findings: [skippedFinding(protocol, client, server, reached, budget)] };
    }
    const stuck = findStuckPoints(space, client, server);
    if (shouldStop?.()) return cancelled(space.points.count, steps);
    const deadlocks = deadlockFindings(space, { client, server, procedures }, stuck);
    return { status: 'checked', ...names, points: space.points.count, steps, deadlocks, findings: deadlocks.map(d => d.finding) };
}

/** How many steps from the start the point is (the exploration is breadth first: the last point found is among the farthest). */
function depthOf(space: JointSpace, point: number): number {
    let depth = 0;
    for (let p = point; space.points.parent[p] >= 0; p = space.points.parent[p]) depth++;
    return depth;
}

function skippedFinding(protocol: ProtocolModel, client: CompiledMachine, server: CompiledMachine, reached: { points: number; depth: number }, budget: number): Finding {
    const counts = `${client.graph.states.length} × ${server.graph.states.length} states`;
    const message = `The client × server check of ${client.graph.machine.name} and ${server.graph.machine.name} stopped at its budget of ${groupedDigits(budget)} joint points, `
        + `having explored every interleaving of up to ${reached.depth} steps: the joint space of these machines (${counts}) is larger, so no deadlock verdict is given. Each machine was still checked on its own.`;
    return finding('composition-skipped', message, protocol.nameRange ?? client.graph.machine.nameRange);
}

export type { Deadlock } from './deadlock-findings.js';
export type { Interleaving, JointStep } from './interleaving.js';
export type { MachineSituation, WaitKind } from './deadlock-messages.js';
