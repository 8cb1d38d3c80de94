import type { ActionModel, EffectModel, StateModel, TransitionModel } from '../model/machine-model.js';
import { actionLabel } from './action-labels.js';
import type { Phase, PhaseEffect, PhaseRule } from './catalog.js';
import { applyEffect, INITIAL_PHASE, lookupCatalog, PHASE_LABELS, UNFINISHED_PHASES } from './catalog.js';
import type { LegalityCode } from './diagnostic-codes.js';
import type { Finding } from './finding.js';
import { finding } from './finding.js';
import { legalityMessage } from './legality-messages.js';
import type { MachineGraph } from './machine-graph.js';
import type { PathEdge, ReportedPath } from './offending-path.js';
import { extendPath, pathSteps, pathSummary, reportedPath } from './offending-path.js';

/**
 * The legality checks: a breadth-first exploration of (state × phase) from
 * (initial, idle|waiting). BFS makes the first path that reaches an offending
 * element a shortest one. The exploration never goes past an element it
 * reports, nor past an unknown or wrong-side one (those are structural
 * findings): one finding per path. Cost: O((states + transitions) × phases).
 */
const PHASES: readonly Phase[] = ['idle', 'outstanding', 'failed', 'complete', 'closed', 'waiting', 'active', 'finished'];
const PHASE_COUNT = PHASES.length;
const phaseIndex = new Map(PHASES.map((phase, i) => [phase, i]));

/** What the catalog says about one action or effect as written, on this machine's side. */
type Resolved = { readonly rule: PhaseRule } | 'blocked';

/** The phases the call can be in on entering each state (for hovers, inlay hints and the diagram). */
export interface PhaseExploration {
    readonly findings: Finding[];
    readonly phasesAt: ReadonlyArray<ReadonlySet<Phase>>;
}

export function explorePhases(graph: MachineGraph): PhaseExploration {
    const { machine, states, edges } = graph;
    const side = machine.side;
    const n = states.length;
    const resolve = (use: ActionModel | EffectModel | undefined): Resolved | undefined => {
        if (!use) return undefined;
        const rule = lookupCatalog(use.kind, use.name)?.rules[side];
        return rule ? { rule } : 'blocked';
    };
    const actions = states.map(state => resolve(state.action));
    const effects = states.map(state => state.transitions.map(t => resolve(t.effect)));
    const dispatchStates = states.filter(state => state.action?.kind === 'dispatch').map(state => state.name);
    const endName = states[graph.end].name;
    const indexOfState = new Map(states.map((state, i) => [state, i]));

    const visited = new Uint8Array(n * PHASE_COUNT);
    const parentNode = new Int32Array(n * PHASE_COUNT).fill(-1);
    const parentEdge = new Int32Array(n * PHASE_COUNT).fill(-1);
    const depth = new Int32Array(n * PHASE_COUNT);
    const queue = new Int32Array(n * PHASE_COUNT);
    let head = 0;
    let tail = 0;
    const startNode = graph.initial * PHASE_COUNT + phaseIndex.get(INITIAL_PHASE[side])!;
    visited[startNode] = 1;
    queue[tail++] = startNode;

    const findings: Finding[] = [];
    const reported = new Map<object, Set<LegalityCode>>();

    /** The reported path to a node, with the phase on entering each listed state. */
    const pathTo = (node: number): { path: ReportedPath; phases: Phase[] } => {
        const phases: Phase[] = [];
        const path = reportedPath(node, states[graph.initial], depth[node], v => {
            const from = parentNode[v];
            const state = states[Math.floor(from / PHASE_COUNT)];
            phases.push(PHASES[from % PHASE_COUNT]);
            return { parent: from, edge: { state, transition: state.transitions[parentEdge[v]] } };
        });
        phases.reverse().push(PHASES[node % PHASE_COUNT]);
        return { path, phases };
    };

    /** The step of the path that put the call into its current phase: `RpcAsyncCompleteCall in Fin`. */
    const culpritOf = (edgesTaken: readonly PathEdge[], phases: readonly Phase[], current: Phase): string | undefined => {
        for (let i = edgesTaken.length - 1; i >= 0; i--) {
            if (phases[i] !== current) {
                const { state, transition } = edgesTaken[i];
                const afterAction = state.action ? phaseAfterAction(actions[indexOfState.get(state)!], state, transition, phases[i]) : phases[i];
                if (state.action && afterAction !== phases[i]) return `${actionLabel(state.action)} in ${state.name}`;
                if (transition.effect) return `${actionLabel(transition.effect)} on the way out of ${state.name}`;
                return undefined;
            }
        }
        return undefined;
    };

    const report = (code: LegalityCode, element: ActionModel | EffectModel | TransitionModel, role: 'action' | 'effect' | 'transition',
        node: number, state: StateModel, phase: Phase, extraEdge?: PathEdge) => {
        let codes = reported.get(element);
        if (!codes) reported.set(element, codes = new Set());
        if (codes.has(code)) return;
        codes.add(code);
        const taken = pathTo(node);
        const shown = extraEdge ? extendPath(taken.path, extraEdge) : taken.path;
        const label = role === 'transition' ? `-> ${endName}` : actionLabel(element as ActionModel | EffectModel);
        const message = legalityMessage({
            code, side, role, label, state: state.name, phase,
            path: pathSummary(shown, state),
            culprit: culpritOf(taken.path.edges, taken.phases, phase),
            dispatchStates, endState: endName,
        });
        const final = role === 'transition'
            ? { message: `${endName} entered with ${PHASE_LABELS[phase]}`, range: element.range }
            : { message: `${state.name}: ${label} with ${PHASE_LABELS[phase]}`, range: element.range };
        findings.push(finding(code, message, element.range, { machine: machine.name, path: pathSteps(shown, final) }));
    };

    while (head < tail) {
        const node = queue[head++];
        const s = Math.floor(node / PHASE_COUNT);
        if (s === graph.end) continue;
        const phase = PHASES[node % PHASE_COUNT];
        const state = states[s];
        const action = actions[s];
        if (action === 'blocked') continue;
        if (action && state.action) {
            const problems = judge(action.rule, phase, handlesSpecial(action.rule, state), state.action.kind === 'dispatch');
            if (problems.length > 0) {
                for (const code of problems) report(code, state.action, 'action', node, state, phase);
                continue;
            }
        }
        const out = edges[s];
        for (let e = 0; e < out.length; e++) {
            const { transition, target } = out[e];
            let next = action ? phaseAfterAction(action, state, transition, phase) : phase;
            const effect = effects[s][e];
            if (effect === 'blocked') continue;
            if (effect && transition.effect) {
                const problems = judge(effect.rule, next, false, state.action?.kind === 'dispatch');
                if (problems.length > 0) {
                    for (const code of problems) report(code, transition.effect, 'effect', node, state, next, { state, transition });
                    continue;
                }
                next = applyEffect(next, effect.rule.legal[next]!);
            }
            if (target === graph.end && UNFINISHED_PHASES.has(next)) {
                report('missing-completion', transition, 'transition', node, state, next, { state, transition });
                continue;
            }
            const targetNode = target * PHASE_COUNT + phaseIndex.get(next)!;
            if (!visited[targetNode]) {
                visited[targetNode] = 1;
                parentNode[targetNode] = node;
                parentEdge[targetNode] = e;
                depth[targetNode] = depth[node] + 1;
                queue[tail++] = targetNode;
            }
        }
    }

    const phasesAt: Array<Set<Phase>> = Array.from({ length: n }, () => new Set());
    for (let v = 0; v < visited.length; v++) {
        if (visited[v]) phasesAt[Math.floor(v / PHASE_COUNT)].add(PHASES[v % PHASE_COUNT]);
    }
    return { findings, phasesAt };
}

/** The codes an action or effect earns in this phase; empty when it is legal. */
function judge(rule: PhaseRule, phase: Phase, specialHandled: boolean, inDispatchState: boolean): LegalityCode[] {
    const codes: LegalityCode[] = [];
    const legal = rule.legal[phase] ?? (specialHandled ? rule.legalWhenSpecialHandled?.[phase] : undefined);
    if (legal === undefined) {
        const code = rule.illegal[phase];
        if (code) codes.push(code);
    }
    if (rule.onlyOnDispatchThread && !inDispatchState) codes.push('raise-off-rpc-thread');
    return codes;
}

function handlesSpecial(rule: PhaseRule, state: StateModel): boolean {
    const special = rule.special?.outcome;
    return special !== undefined && state.transitions.some(t => t.outcome === special);
}

/** The phase after the state's action, for the outcome this transition stands for. */
function phaseAfterAction(action: Resolved | undefined, state: StateModel, transition: TransitionModel, phase: Phase): Phase {
    if (!action || action === 'blocked') return phase;
    const { rule } = action;
    let effect: PhaseEffect | undefined;
    if (rule.special && transition.outcome === rule.special.outcome) {
        effect = rule.special.effect;
    } else {
        effect = rule.legal[phase] ?? (handlesSpecial(rule, state) ? rule.legalWhenSpecialHandled?.[phase] : undefined);
    }
    return effect === undefined ? phase : applyEffect(phase, effect);
}
