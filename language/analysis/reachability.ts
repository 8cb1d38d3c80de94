import type { Finding } from './finding.js';
import { finding } from './finding.js';
import type { MachineGraph } from './machine-graph.js';
import { breadthFirst, statesReaching } from './machine-graph.js';
import type { ReportedPath } from './offending-path.js';
import { pathSteps, pathSummary, reportedPath } from './offending-path.js';

/** What the reachability search finds: its findings, and the states it showed unreachable (which the diagram draws as such). */
export interface ReachabilityResult {
    readonly findings: Finding[];
    /** The names of the states no path from the initial state enters (the end state included, when end-unreachable). */
    readonly unreachable: ReadonlySet<string>;
}

/** end-unreachable, no-path-to-end and unreachable-state, on the plain state graph (phases play no part). */
export function checkReachability(graph: MachineGraph): ReachabilityResult {
    const { machine, states } = graph;
    const findings: Finding[] = [];
    const unreachable = new Set<string>();
    const { parentState, parentEdge, depth } = breadthFirst(graph, graph.initial);
    const reachesEnd = statesReaching(graph, graph.end);
    const endState = states[graph.end];
    const initialState = states[graph.initial];

    const pathTo = (target: number): ReportedPath => reportedPath(target, initialState, depth[target], s => {
        const from = parentState[s];
        return { parent: from, edge: { state: states[from], transition: states[from].transitions[parentEdge[s]] } };
    });

    if (parentState[graph.end] === -2) {
        unreachable.add(endState.name);
        findings.push(finding('end-unreachable',
            `No path from the initial state ${initialState.name} reaches ${endState.name}: the call can never finish. Add a transition to ${endState.name} from a state the machine can reach.`,
            endState.nameRange, { machine: machine.name }));
    }
    for (let s = 0; s < states.length; s++) {
        if (s === graph.end) continue;
        const state = states[s];
        if (parentState[s] === -2) {
            unreachable.add(state.name);
            findings.push(finding('unreachable-state',
                `No path from the initial state ${initialState.name} enters ${state.name}, so it never runs. Add a transition to it, or remove it.`,
                state.nameRange, { machine: machine.name }));
        } else if (!reachesEnd[s]) {
            const path = pathTo(s);
            findings.push(finding('no-path-to-end',
                `Once in ${state.name} (${path.edges.length === 0 ? 'the initial state' : `reached by ${pathSummary(path, state)}`}), the call can never reach ${endState.name}: every way out loops back. Add a transition from ${state.name} towards ${endState.name}, e.g. \`on done -> ${endState.name}\`.`,
                state.nameRange, { machine: machine.name, path: pathSteps(path, { message: `${state.name}: no way on to ${endState.name}`, range: state.nameRange }) }));
        }
    }
    return { findings, unreachable };
}
