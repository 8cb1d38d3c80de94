import type { MachineAnalysis, ProtocolAnalysis } from '../analysis/analyze-protocol.js';
import { actionLabel } from '../analysis/action-labels.js';
import { PHASE_LABELS } from '../analysis/catalog.js';
import type { DiagnosticCode, Severity } from '../analysis/diagnostic-codes.js';
import type { Finding } from '../analysis/finding.js';
import type { MachineModel, ProtocolModel, Side, StateModel, TransitionModel } from '../model/machine-model.js';
import type { SourceRange } from '../model/source-range.js';
import type { DiagramInterleaving } from './interleaving-overlay.js';

/**
 * The diagram model: what a picture of a protocol shows, as plain JSON (it
 * travels over LSP to the webview). Computed from the same plain model and
 * analysis the checks use, so the picture and the diagnostics never disagree.
 *
 * Ids are stable across edits that do not rename things: `side:Machine` for a
 * machine, `side:Machine/State` for a state, `side:Machine/State/i` for the
 * i-th transition written in that state. A second state of the same name
 * (a duplicate-state error) gets `~2`, `~3`... appended.
 */
export interface DiagramModel {
    readonly protocol: string;
    readonly description?: string;
    readonly machines: readonly DiagramMachine[];
    /** Syntax errors of the text: the diagram shows what parsed, and says so. */
    readonly syntaxErrors: readonly DiagramProblem[];
    /** Findings on no drawn element (e.g. duplicate-machine on a machine that is drawn under another id). */
    readonly otherFindings: readonly DiagramFinding[];
    /** A client × server deadlock drawn on the machines (interleaving-overlay.ts); absent otherwise. */
    readonly interleaving?: DiagramInterleaving;
}

export interface DiagramFinding {
    readonly code: DiagnosticCode;
    readonly severity: Severity;
    readonly message: string;
}

export interface DiagramProblem {
    readonly message: string;
    readonly range: SourceRange;
}

export interface DiagramMachine {
    readonly id: string;
    readonly side: Side;
    readonly name: string;
    /** The parser recovered inside this machine: drawn as parsed, not analysed. */
    readonly incomplete: boolean;
    /** The path checks ran (one initial, one end, unique names, resolved targets): reachability is known. */
    readonly pathChecked: boolean;
    readonly range: SourceRange;
    readonly selectionRange: SourceRange;
    readonly findings: readonly DiagramFinding[];
    readonly states: readonly DiagramState[];
    readonly transitions: readonly DiagramTransition[];
}

export interface DiagramState {
    readonly id: string;
    readonly name: string;
    readonly description?: string;
    /** `call FetchRecord`, `await RpcCallComplete`, `RpcAsyncCompleteCall`, `raise`... */
    readonly actionLabel?: string;
    readonly initial: boolean;
    readonly end: boolean;
    /**
     * Drawn for a transition target that names no state (unknown-state): not
     * in the text, so its ranges are those of the first transition naming it.
     */
    readonly missing: boolean;
    /** False only when the analysis knows no path from the initial state enters it. */
    readonly reachable: boolean;
    /** The phases of the call on entering the state, in words (empty when not path-checked or unreachable). */
    readonly phases: readonly string[];
    readonly range: SourceRange;
    /** What a click selects: the state's name. */
    readonly selectionRange: SourceRange;
    readonly findings: readonly DiagramFinding[];
    /** In a drawn deadlock: the machine waits forever here (what the box says). */
    readonly waits?: string;
}

export interface DiagramTransition {
    readonly id: string;
    readonly source: string;
    readonly target: string;
    /** Absent for the state's default transition. */
    readonly outcome?: string;
    readonly effectLabel?: string;
    /** `outcome / effect`, with `(default)` for the default transition. */
    readonly label: string;
    readonly range: SourceRange;
    readonly selectionRange: SourceRange;
    readonly findings: readonly DiagramFinding[];
    /** In a drawn deadlock: the numbers of the interleaving's steps that take this transition. */
    readonly steps?: readonly number[];
}

/** The label of a default transition: parentheses cannot be in an outcome name, so it cannot be mistaken for one. */
export const DEFAULT_OUTCOME_LABEL = '(default)';

export function buildDiagramModel(protocol: ProtocolModel, analysis: ProtocolAnalysis, syntaxErrors: readonly DiagramProblem[] = []): DiagramModel {
    const anchors = new FindingAnchors();
    const machineIds = new UniqueIds();
    const machines = protocol.machines.map((machine, i) => buildMachine(machine, analysis.machines[i], machineIds, anchors));
    // Every element has registered its range: now each finding can go to its element's list.
    const otherFindings = anchors.attach(analysis.findings);
    return {
        protocol: protocol.name,
        ...(protocol.description !== undefined ? { description: protocol.description } : {}),
        machines,
        syntaxErrors: [...syntaxErrors],
        otherFindings,
    };
}

/** Findings are reported on the ranges the model gives its elements; each range anchors one element's finding list. */
class FindingAnchors {
    private readonly byRange = new Map<string, DiagramFinding[]>();

    register(range: SourceRange, findings: DiagramFinding[]): void {
        const key = rangeKey(range);
        if (!this.byRange.has(key)) this.byRange.set(key, findings);
    }

    /** Adds each finding to its element's list; returns those that belong to no drawn element. */
    attach(findings: readonly Finding[]): DiagramFinding[] {
        const orphans: DiagramFinding[] = [];
        for (const f of findings) {
            const list = this.byRange.get(rangeKey(f.range));
            const plain: DiagramFinding = { code: f.code, severity: f.severity, message: f.message };
            if (list) list.push(plain);
            else orphans.push(plain);
        }
        return orphans;
    }
}

function rangeKey(range: SourceRange): string {
    return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

class UniqueIds {
    private readonly seen = new Map<string, number>();

    next(base: string): string {
        const count = (this.seen.get(base) ?? 0) + 1;
        this.seen.set(base, count);
        return count === 1 ? base : `${base}~${count}`;
    }
}

/** The ids of one machine's states: unique even for duplicate names; a name stands for its first state, which transitions to it point at. */
class StateIds {
    private readonly ids = new UniqueIds();
    private readonly byName = new Map<string, string>();

    constructor(private readonly machineId: string) {}

    add(name: string): string {
        const id = this.ids.next(`${this.machineId}/${name}`);
        if (!this.byName.has(name)) this.byName.set(name, id);
        return id;
    }

    /** A node for a target that names no state (`?name`, which no state name can be). */
    addMissing(name: string): string {
        const id = this.ids.next(`${this.machineId}/?${name}`);
        this.byName.set(name, id);
        return id;
    }

    of(name: string): string | undefined {
        return this.byName.get(name);
    }
}

/** A state or transition with its id, and the list its findings go to (filled by FindingAnchors.attach). */
interface StateEntry {
    readonly model: StateModel;
    readonly id: string;
    readonly findings: DiagramFinding[];
}

interface TransitionEntry {
    readonly model: TransitionModel;
    readonly id: string;
    readonly source: string;
    readonly findings: DiagramFinding[];
}

/** One machine's part of the diagram; its finding lists stay empty until the caller attaches the findings. */
function buildMachine(machine: MachineModel, machineAnalysis: MachineAnalysis | undefined, machineIds: UniqueIds, anchors: FindingAnchors): DiagramMachine {
    const id = machineIds.next(`${machine.side}:${machine.name}`);
    const findings: DiagramFinding[] = [];
    anchors.register(machine.nameRange, findings);
    const stateIds = new StateIds(id);
    const states: StateEntry[] = machine.states.map(model => ({ model, id: stateIds.add(model.name), findings: [] }));
    const transitions = transitionEntries(states);
    registerAnchors(states, transitions, anchors);
    const missing = missingStates(transitions, stateIds);
    return {
        id,
        side: machine.side,
        name: machine.name,
        incomplete: machine.incomplete === true,
        pathChecked: machineAnalysis?.pathChecked === true,
        range: machine.range,
        selectionRange: machine.nameRange,
        findings,
        states: [...states.map(state => diagramState(state, machineAnalysis)), ...missing],
        transitions: transitions.map(transition => diagramTransition(transition, stateIds)),
    };
}

/** The transitions of every state, in the order written; the i-th of a state gets the id `state/i`. */
function transitionEntries(states: readonly StateEntry[]): TransitionEntry[] {
    const transitions: TransitionEntry[] = [];
    for (const state of states) {
        state.model.transitions.forEach((model, i) => transitions.push({ model, id: `${state.id}/${i}`, source: state.id, findings: [] }));
    }
    return transitions;
}

/** The ranges findings are reported on, each tied to its element's list. */
function registerAnchors(states: readonly StateEntry[], transitions: readonly TransitionEntry[], anchors: FindingAnchors): void {
    // Transition anchors first: an effect or a transition range must not be claimed by a state.
    for (const transition of transitions) {
        anchors.register(transition.model.range, transition.findings);
        if (transition.model.effect) anchors.register(transition.model.effect.range, transition.findings);
    }
    for (const state of states) {
        anchors.register(state.model.nameRange, state.findings);
        anchors.register(state.model.headerRange, state.findings);
        if (state.model.action) anchors.register(state.model.action.range, state.findings);
    }
}

/** A node for each target naming no state (unknown-state), so its transitions can still be drawn. */
function missingStates(transitions: readonly TransitionEntry[], stateIds: StateIds): DiagramState[] {
    const missing: DiagramState[] = [];
    for (const { model } of transitions) {
        const name = model.target;
        if (stateIds.of(name) !== undefined) continue;
        missing.push({
            id: stateIds.addMissing(name), name: name || '?', description: 'no such state', initial: false, end: false, missing: true, reachable: true, phases: [],
            range: model.targetRange, selectionRange: model.targetRange, findings: [],
        });
    }
    return missing;
}

/** A state as drawn: reachability and phases are the analysis' (nothing is unreachable when it did not run the path checks). */
function diagramState({ model, id, findings }: StateEntry, machineAnalysis: MachineAnalysis | undefined): DiagramState {
    return {
        id,
        name: model.name,
        ...(model.description !== undefined ? { description: model.description } : {}),
        ...(model.action ? { actionLabel: actionLabel(model.action) } : {}),
        initial: model.initial,
        end: model.end,
        missing: false,
        reachable: machineAnalysis?.unreachable.has(model.name) !== true,
        phases: [...(machineAnalysis?.phasesAt.get(model.name) ?? [])].map(phase => PHASE_LABELS[phase]),
        range: model.range,
        selectionRange: model.nameRange,
        findings,
    };
}

function diagramTransition({ model, id, source, findings }: TransitionEntry, stateIds: StateIds): DiagramTransition {
    const effectLabel = model.effect ? actionLabel(model.effect) : undefined;
    return {
        id,
        source,
        target: stateIds.of(model.target)!,
        ...(model.outcome !== undefined ? { outcome: model.outcome } : {}),
        ...(effectLabel !== undefined ? { effectLabel } : {}),
        label: [model.outcome ?? DEFAULT_OUTCOME_LABEL, ...(effectLabel ? [effectLabel] : [])].join(' / '),
        range: model.range,
        selectionRange: model.range,
        findings,
    };
}
