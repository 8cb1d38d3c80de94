import type { ActionModel, EffectModel, StateModel, TransitionModel } from '../model/machine-model.js';
import { actionLabel } from './action-labels.js';
import type { Phase, PhaseRule } from './catalog.js';
import { applyEffect, INITIAL_PHASE, lookupCatalog, PHASE_LABELS, PHASES, UNFINISHED_PHASES } from './catalog.js';
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
const PHASE_COUNT = PHASES.length;
// The phases seen at a state are one 32-bit set (PhaseBits): say so rather than overflow silently.
if (PHASE_COUNT > 32) throw new Error(`phase analysis: ${PHASE_COUNT} phases do not fit a 32-bit phase set`);
const phaseIndex = new Map(PHASES.map((phase, i) => [phase, i]));
const UNFINISHED = PHASES.map(phase => UNFINISHED_PHASES.has(phase));

/** An action or effect as the inner loop sees it: its compiled rule, or `blocked` (unknown, or wrong side). */
type Compiled = CompiledRule | 'blocked';

/**
 * A catalog rule compiled for the exploration's inner loop: for each phase
 * (by index), the phase after the action, or -1 where it is illegal; and the
 * phase after it for its special outcome. Rules are few and shared, so each
 * (rule, special outcome handled, in the dispatch state) is compiled once.
 */
interface CompiledRule {
    readonly rule: PhaseRule;
    readonly next: Int8Array;
    readonly specialOutcome: string | undefined;
    readonly specialNext: Int8Array;
}

const compiledRules = new Map<PhaseRule, CompiledRule[]>();

function compileRule(rule: PhaseRule, specialHandled: boolean, inDispatchState: boolean): CompiledRule {
    let variants = compiledRules.get(rule);
    if (!variants) compiledRules.set(rule, variants = []);
    const key = (specialHandled ? 1 : 0) + (inDispatchState ? 2 : 0);
    let compiled = variants[key];
    if (!compiled) {
        const next = new Int8Array(PHASE_COUNT).fill(-1);
        const specialNext = new Int8Array(PHASE_COUNT).fill(-1);
        PHASES.forEach((phase, p) => {
            if (judge(rule, phase, specialHandled, inDispatchState).length > 0) return;
            const effect = rule.legal[phase] ?? (specialHandled ? rule.legalWhenSpecialHandled?.[phase] : undefined);
            if (effect === undefined) return;
            next[p] = phaseIndex.get(applyEffect(phase, effect))!;
            specialNext[p] = rule.special ? phaseIndex.get(applyEffect(phase, rule.special.effect))! : next[p];
        });
        compiled = variants[key] = { rule, next, specialOutcome: rule.special?.outcome, specialNext };
    }
    return compiled;
}

/** The phases the call can be in on entering a state, by name (for hovers, inlay hints and the diagram). */
export interface PhaseLookup {
    get(stateName: string): ReadonlySet<Phase> | undefined;
}

/** The result of the exploration: its findings, and the phases seen at each state. */
export interface PhaseExploration {
    readonly findings: Finding[];
    readonly phasesAt: PhaseLookup;
}

/** Phases per state as a bit set, turned into a Set only when someone asks: most states are never asked about. */
class PhaseBits implements PhaseLookup {
    constructor(private readonly index: ReadonlyMap<string, number>, private readonly bits: Uint32Array) {}

    get(stateName: string): ReadonlySet<Phase> | undefined {
        const s = this.index.get(stateName);
        if (s === undefined) return undefined;
        const phases = new Set<Phase>();
        for (let p = 0; p < PHASE_COUNT; p++) if ((this.bits[s] >>> p) & 1) phases.add(PHASES[p]);
        return phases;
    }
}

/** The step rule's tables for one machine: each action and effect resolved to its compiled catalog rule. */
interface CompiledMachine {
    readonly actionRows: Array<Compiled | undefined>;
    readonly effectRows: Array<Array<Compiled | undefined> | undefined>;
    /** Per transition (in the graph's edge order): 1 when it handles its state's action's special outcome. */
    readonly special: Uint8Array;
    readonly dispatchStates: string[];
}

function compileMachine(graph: MachineGraph): CompiledMachine {
    const { machine, states } = graph;
    const side = machine.side;
    const n = states.length;
    // One pass over the states: each action and effect resolved to its compiled catalog rule.
    const compileUse = (use: ActionModel | EffectModel, state: StateModel, inDispatchState: boolean, isAction: boolean): Compiled => {
        const rule = lookupCatalog(use.kind, use.name)?.rules[side];
        return rule ? compileRule(rule, isAction && handlesSpecial(rule, state), inDispatchState) : 'blocked';
    };
    const actionRows = new Array<Compiled | undefined>(n);
    const effectRows = new Array<Array<Compiled | undefined> | undefined>(n);
    const dispatchStates: string[] = [];
    const special = new Uint8Array(graph.edgeTarget.length);
    for (let s = 0; s < n; s++) {
        const state = states[s];
        const inDispatchState = state.action?.kind === 'dispatch';
        if (inDispatchState) dispatchStates.push(state.name);
        const action = state.action ? compileUse(state.action, state, inDispatchState, true) : undefined;
        actionRows[s] = action;
        const specialOutcome = action && action !== 'blocked' ? action.specialOutcome : undefined;
        let row: Array<Compiled | undefined> | undefined;
        const { transitions } = state;
        const first = graph.edgeStart[s];
        for (let e = 0; e < transitions.length; e++) {
            const transition = transitions[e];
            if (specialOutcome !== undefined && transition.outcome === specialOutcome) special[first + e] = 1;
            if (!transition.effect) continue;
            row ??= new Array<Compiled | undefined>(transitions.length);
            row[e] = compileUse(transition.effect, state, inDispatchState, false);
        }
        effectRows[s] = row;
    }
    return { actionRows, effectRows, special, dispatchStates };
}

/** The search's parent pointers: each (state × phase) node's parent, the transition taken, and its depth. */
interface SearchTree {
    readonly parentNode: Int32Array;
    readonly parentEdge: Int32Array;
    readonly depth: Int32Array;
}

type Report = (code: LegalityCode, element: ActionModel | EffectModel | TransitionModel, role: 'action' | 'effect' | 'transition',
    node: number, state: StateModel, phase: Phase, extraEdge?: PathEdge) => void;

/**
 * The report text: a finding for an offending element, with its shortest
 * path, the phases along it and the step that put the call in its phase.
 * One finding per element and code.
 */
function legalityReporter(graph: MachineGraph, compiled: CompiledMachine, tree: SearchTree, findings: Finding[]): Report {
    const { machine, states } = graph;
    const side = machine.side;
    const { actionRows, effectRows, dispatchStates } = compiled;
    const { parentNode, parentEdge, depth } = tree;
    const endName = states[graph.end].name;
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

    /**
     * The last step of the path that changed the call's phase (so the one that
     * put it into its current phase): an action (`RpcAsyncCompleteCall in Fin`)
     * or an effect (`... on the way out of W`). For an offending effect the path
     * ends in the effect's own state, whose action also counts (`extraEdge`).
     */
    const culpritOf = (edgesTaken: readonly PathEdge[], phases: readonly Phase[], extraEdge?: PathEdge): string | undefined => {
        let culprit: string | undefined;
        const walk = (edge: PathEdge, entering: Phase, withEffect: boolean) => {
            const { state, transition } = edge;
            const s = graph.index.get(state.name)!;
            let p = phaseIndex.get(entering)!;
            const action = actionRows[s];
            if (state.action && action && action !== 'blocked') {
                const after = transition.outcome !== undefined && transition.outcome === action.specialOutcome ? action.specialNext[p] : action.next[p];
                if (after >= 0 && after !== p) culprit = `${actionLabel(state.action)} in ${state.name}`;
                if (after >= 0) p = after;
            }
            const effect = withEffect ? effectRows[s]?.[state.transitions.indexOf(transition)] : undefined;
            if (transition.effect && effect && effect !== 'blocked' && effect.next[p] >= 0 && effect.next[p] !== p) {
                culprit = `${actionLabel(transition.effect)} on the way out of ${state.name}`;
            }
        };
        edgesTaken.forEach((edge, i) => walk(edge, phases[i], true));
        if (extraEdge) walk(extraEdge, phases[edgesTaken.length], false);
        return culprit;
    };

    return (code: LegalityCode, element: ActionModel | EffectModel | TransitionModel, role: 'action' | 'effect' | 'transition',
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
            culprit: culpritOf(taken.path.edges, taken.phases, role === 'effect' ? extraEdge : undefined),
            dispatchStates, endState: endName,
        });
        const final = role === 'transition'
            ? { message: `${endName} entered with ${PHASE_LABELS[phase]}`, range: element.range }
            : { message: `${state.name}: ${label} with ${PHASE_LABELS[phase]}`, range: element.range };
        findings.push(finding(code, message, element.range, { machine: machine.name, path: pathSteps(shown, final) }));
    };
}

export function explorePhases(graph: MachineGraph): PhaseExploration {
    const { machine, states, edgeStart, edgeTarget } = graph;
    const side = machine.side;
    const n = states.length;
    const compiled = compileMachine(graph);
    const { actionRows, effectRows, special } = compiled;

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
    const report = legalityReporter(graph, compiled, { parentNode, parentEdge, depth }, findings);

    while (head < tail) {
        const node = queue[head++];
        const s = Math.floor(node / PHASE_COUNT);
        if (s === graph.end) continue;
        const p = node % PHASE_COUNT;
        const state = states[s];
        const action = actionRows[s];
        if (action === 'blocked') continue;
        if (action && action.next[p] < 0) {
            const phase = PHASES[p];
            for (const code of judge(action.rule, phase, handlesSpecial(action.rule, state), state.action!.kind === 'dispatch')) {
                report(code, state.action!, 'action', node, state, phase);
            }
            continue;
        }
        // The transitions are read through the graph's arrays; a transition object only when it is reported.
        const first = edgeStart[s];
        const count = edgeStart[s + 1] - first;
        const effectRow = effectRows[s];
        for (let e = 0; e < count; e++) {
            const target = edgeTarget[first + e];
            let next = action ? (special[first + e] ? action.specialNext[p] : action.next[p]) : p;
            const effect = effectRow?.[e];
            if (effect === 'blocked') continue;
            if (effect) {
                if (effect.next[next] < 0) {
                    const phase = PHASES[next];
                    const transition = state.transitions[e];
                    for (const code of judge(effect.rule, phase, false, state.action?.kind === 'dispatch')) {
                        report(code, transition.effect!, 'effect', node, state, phase, { state, transition });
                    }
                    continue;
                }
                next = effect.next[next];
            }
            if (target === graph.end && UNFINISHED[next]) {
                const transition = state.transitions[e];
                report('missing-completion', transition, 'transition', node, state, PHASES[next], { state, transition });
                continue;
            }
            const targetNode = target * PHASE_COUNT + next;
            if (!visited[targetNode]) {
                visited[targetNode] = 1;
                parentNode[targetNode] = node;
                parentEdge[targetNode] = e;
                depth[targetNode] = depth[node] + 1;
                queue[tail++] = targetNode;
            }
        }
    }

    const bits = new Uint32Array(n);
    for (let v = 0; v < visited.length; v++) {
        if (visited[v]) bits[Math.floor(v / PHASE_COUNT)] |= 1 << (v % PHASE_COUNT);
    }
    const phasesAt = new PhaseBits(graph.index, bits);
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
