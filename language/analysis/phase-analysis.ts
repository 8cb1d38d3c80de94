import type { ActionModel, EffectModel, StateModel, TransitionModel } from '../model/machine-model.js';
import { actionLabel } from './action-labels.js';
import type { Phase, PhaseRule } from './catalog.js';
import { applyEffect, CATALOG, INITIAL_PHASE, lookupCatalog, PHASE_LABELS, PHASES, UNFINISHED_PHASES } from './catalog.js';
import type { LegalityCode } from './diagnostic-codes.js';
import type { Finding } from './finding.js';
import { finding } from './finding.js';
import { legalityMessage } from './legality-messages.js';
import type { MachineGraph } from './machine-graph.js';
import type { StateNames } from './state-names.js';
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
/** Phase sets, one per state, in the smallest element that holds PHASE_COUNT bits. */
type PhaseSets = Uint8Array | Uint16Array | Uint32Array;
const newPhaseSets = (n: number): PhaseSets => PHASE_COUNT <= 8 ? new Uint8Array(n) : PHASE_COUNT <= 16 ? new Uint16Array(n) : new Uint32Array(n);
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
    constructor(private readonly index: StateNames, private readonly bits: PhaseSets) {}

    get(stateName: string): ReadonlySet<Phase> | undefined {
        const s = this.index.get(stateName);
        if (s === undefined) return undefined;
        const phases = new Set<Phase>();
        for (let p = 0; p < PHASE_COUNT; p++) if ((this.bits[s] >>> p) & 1) phases.add(PHASES[p]);
        return phases;
    }
}

/**
 * The step rule's tables for one machine: each action and effect as the
 * number of its compiled catalog rule in `rules`. A machine uses a handful of
 * rules, so a state's or a transition's rule is one byte in a typed array,
 * not a slot in an array of objects per state (on a machine of 50,000 states
 * those arrays were a good part of the exploration's time).
 */
interface CompiledMachine {
    /** Rule number → its compiled rule, or `blocked`; number 0 is no action or no effect. */
    readonly rules: ReadonlyArray<Compiled | undefined>;
    /** Per state: the number of its action's rule. */
    readonly actionRule: Uint8Array;
    /** Per transition (in the graph's edge order): the number of its effect's rule. */
    readonly effectRule: Uint8Array;
    /** Per transition (in the graph's edge order): 1 when it handles its state's action's special outcome. */
    readonly special: Uint8Array;
    readonly dispatchStates: string[];
    /** The most transitions of one state. */
    readonly maxTransitions: number;
}

// A machine's rules: none, blocked, and at most each catalog rule of its side compiled in each of its four ways.
if (2 + CATALOG.length * 4 > 0x100) throw new Error(`phase analysis: ${CATALOG.length} catalog entries may not number their rules in a byte`);

function compileMachine(graph: MachineGraph): CompiledMachine {
    const { machine, states } = graph;
    const side = machine.side;
    const n = states.length;
    const rules: Array<Compiled | undefined> = [undefined, 'blocked'];
    const numbers = new Map<Compiled, number>([['blocked', 1]]);
    // One pass over the states: each action and effect resolved to the number of its compiled catalog rule.
    const compileUse = (use: ActionModel | EffectModel, state: StateModel, inDispatchState: boolean, isAction: boolean): number => {
        const rule = lookupCatalog(use.kind, use.name)?.rules[side];
        const compiled = rule ? compileRule(rule, isAction && handlesSpecial(rule, state), inDispatchState) : 'blocked';
        let number = numbers.get(compiled);
        if (number === undefined) numbers.set(compiled, number = rules.push(compiled) - 1);
        return number;
    };
    const actionRule = new Uint8Array(n);
    const effectRule = new Uint8Array(graph.edgeTarget.length);
    const dispatchStates: string[] = [];
    const special = new Uint8Array(graph.edgeTarget.length);
    let maxTransitions = 0;
    for (let s = 0; s < n; s++) {
        const state = states[s];
        const inDispatchState = state.action?.kind === 'dispatch';
        if (inDispatchState) dispatchStates.push(state.name);
        const action = rules[actionRule[s] = state.action ? compileUse(state.action, state, inDispatchState, true) : 0];
        const specialOutcome = action && action !== 'blocked' ? action.specialOutcome : undefined;
        const { transitions } = state;
        const first = graph.edgeStart[s];
        if (transitions.length > maxTransitions) maxTransitions = transitions.length;
        for (let e = 0; e < transitions.length; e++) {
            const transition = transitions[e];
            if (specialOutcome !== undefined && transition.outcome === specialOutcome) special[first + e] = 1;
            if (transition.effect) effectRule[first + e] = compileUse(transition.effect, state, inDispatchState, false);
        }
    }
    return { rules, actionRule, effectRule, special, dispatchStates, maxTransitions };
}

/**
 * The search's tree, by position in the order nodes were found (the BFS
 * queue): each (state × phase) node, its parent's position and the transition
 * taken from it. Indexed by position rather than by node, the arrays are
 * written only as far as the search got: on a large machine most of the
 * states × phases nodes are never reached, and memory not written is never
 * paid for (no array is filled ahead). A node's depth is not stored: the
 * search knows the depth of the node it is at, the only one it reports.
 */
interface SearchTree {
    /** Position → node (state × PHASE_COUNT + phase). */
    readonly nodes: Int32Array;
    /** Position → the parent's position (the start's is never read). */
    readonly parent: Int32Array;
    /** Position → the index, among its parent state's transitions, of the one taken. */
    readonly edge: Uint8Array | Uint16Array | Int32Array;
}

/** A tree for `n` states whose largest state has `maxTransitions` transitions. */
function newSearchTree(n: number, maxTransitions: number): SearchTree {
    const size = n * PHASE_COUNT;
    const edge = maxTransitions <= 0x100 ? new Uint8Array(size) : maxTransitions <= 0x10000 ? new Uint16Array(size) : new Int32Array(size);
    return { nodes: new Int32Array(size), parent: new Int32Array(size), edge };
}

type Report = (code: LegalityCode, element: ActionModel | EffectModel | TransitionModel, role: 'action' | 'effect' | 'transition',
    position: number, depth: number, state: StateModel, phase: Phase, extraEdge?: PathEdge) => void;

/**
 * The report text: a finding for an offending element, with its shortest
 * path, the phases along it and the step that put the call in its phase.
 * One finding per element and code.
 */
function legalityReporter(graph: MachineGraph, compiled: CompiledMachine, tree: SearchTree, findings: Finding[]): Report {
    const { machine, states } = graph;
    const side = machine.side;
    const { rules, actionRule, effectRule, dispatchStates } = compiled;
    const { nodes, parent, edge } = tree;
    const endName = states[graph.end].name;
    const reported = new Map<object, Set<LegalityCode>>();

    /** The reported path to the node at `position`, with the phase on entering each listed state. */
    const pathTo = (position: number, depth: number): { path: ReportedPath; phases: Phase[] } => {
        const phases: Phase[] = [];
        const path = reportedPath(position, states[graph.initial], depth, v => {
            const from = parent[v];
            const fromNode = nodes[from];
            const state = states[Math.floor(fromNode / PHASE_COUNT)];
            phases.push(PHASES[fromNode % PHASE_COUNT]);
            return { parent: from, edge: { state, transition: state.transitions[edge[v]] } };
        });
        phases.reverse().push(PHASES[nodes[position] % PHASE_COUNT]);
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
            const action = rules[actionRule[s]];
            if (state.action && action && action !== 'blocked') {
                const after = transition.outcome !== undefined && transition.outcome === action.specialOutcome ? action.specialNext[p] : action.next[p];
                if (after >= 0 && after !== p) culprit = `${actionLabel(state.action)} in ${state.name}`;
                if (after >= 0) p = after;
            }
            const effect = withEffect ? rules[effectRule[graph.edgeStart[s] + state.transitions.indexOf(transition)]] : undefined;
            if (transition.effect && effect && effect !== 'blocked' && effect.next[p] >= 0 && effect.next[p] !== p) {
                culprit = `${actionLabel(transition.effect)} on the way out of ${state.name}`;
            }
        };
        edgesTaken.forEach((edge, i) => walk(edge, phases[i], true));
        if (extraEdge) walk(extraEdge, phases[edgesTaken.length], false);
        return culprit;
    };

    return (code: LegalityCode, element: ActionModel | EffectModel | TransitionModel, role: 'action' | 'effect' | 'transition',
        position: number, depth: number, state: StateModel, phase: Phase, extraEdge?: PathEdge) => {
        let codes = reported.get(element);
        if (!codes) reported.set(element, codes = new Set());
        if (codes.has(code)) return;
        codes.add(code);
        const taken = pathTo(position, depth);
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
    const { rules, actionRule, effectRule, special } = compiled;

    // The phases seen at each state are both the visited marks and the result (phasesAt).
    const seen = newPhaseSets(n);
    const tree = newSearchTree(n, compiled.maxTransitions);
    const { nodes, parent, edge } = tree;
    let head = 0;
    let tail = 0;
    const startPhase = phaseIndex.get(INITIAL_PHASE[side])!;
    seen[graph.initial] = 1 << startPhase;
    nodes[tail++] = graph.initial * PHASE_COUNT + startPhase;
    // Positions before levelEnd are at most `depth` transitions from the start (BFS: the queue is in depth order).
    let depth = 0;
    let levelEnd = tail;

    const findings: Finding[] = [];
    const report = legalityReporter(graph, compiled, tree, findings);

    while (head < tail) {
        if (head === levelEnd) {
            depth++;
            levelEnd = tail;
        }
        const position = head++;
        const node = nodes[position];
        const s = Math.floor(node / PHASE_COUNT);
        if (s === graph.end) continue;
        const p = node % PHASE_COUNT;
        const state = states[s];
        const action = rules[actionRule[s]];
        if (action === 'blocked') continue;
        if (action && action.next[p] < 0) {
            const phase = PHASES[p];
            for (const code of judge(action.rule, phase, handlesSpecial(action.rule, state), state.action!.kind === 'dispatch')) {
                report(code, state.action!, 'action', position, depth, state, phase);
            }
            continue;
        }
        // The transitions are read through the graph's arrays; a transition object only when it is reported.
        const first = edgeStart[s];
        const count = edgeStart[s + 1] - first;
        for (let e = 0; e < count; e++) {
            const target = edgeTarget[first + e];
            let next = action ? (special[first + e] ? action.specialNext[p] : action.next[p]) : p;
            const effect = rules[effectRule[first + e]];
            if (effect === 'blocked') continue;
            if (effect) {
                if (effect.next[next] < 0) {
                    const phase = PHASES[next];
                    const transition = state.transitions[e];
                    for (const code of judge(effect.rule, phase, false, state.action?.kind === 'dispatch')) {
                        report(code, transition.effect!, 'effect', position, depth, state, phase, { state, transition });
                    }
                    continue;
                }
                next = effect.next[next];
            }
            if (target === graph.end && UNFINISHED[next]) {
                const transition = state.transitions[e];
                report('missing-completion', transition, 'transition', position, depth, state, PHASES[next], { state, transition });
                continue;
            }
            if (!((seen[target] >>> next) & 1)) {
                seen[target] |= 1 << next;
                nodes[tail] = target * PHASE_COUNT + next;
                parent[tail] = position;
                edge[tail++] = e;
            }
        }
    }
    return { findings, phasesAt: new PhaseBits(graph.index, seen) };
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
