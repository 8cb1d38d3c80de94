import type { MachineAnalysis, ProtocolAnalysis } from '../analysis/analyze-protocol.js';
import { actionLabel } from '../analysis/action-labels.js';
import { PHASE_LABELS } from '../analysis/catalog.js';
import type { DiagnosticCode, Severity } from '../analysis/diagnostic-codes.js';
import type { Finding } from '../analysis/finding.js';
import { breadthFirst, buildMachineGraph } from '../analysis/machine-graph.js';
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
    const otherFindings = anchors.attach(analysis.findings);
    return {
        protocol: protocol.name,
        ...(protocol.description !== undefined ? { description: protocol.description } : {}),
        machines: machines.map(m => m.freeze()),
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

interface MachineUnderConstruction {
    freeze(): DiagramMachine;
}

function buildMachine(machine: MachineModel, machineAnalysis: MachineAnalysis | undefined, machineIds: UniqueIds, anchors: FindingAnchors): MachineUnderConstruction {
    const id = machineIds.next(`${machine.side}:${machine.name}`);
    const machineFindings: DiagramFinding[] = [];
    anchors.register(machine.nameRange, machineFindings);

    const reachable = reachableStates(machine);
    const stateIds = new UniqueIds();
    const idOfName = new Map<string, string>();
    const states: Array<{ model: StateModel; id: string; findings: DiagramFinding[] }> = machine.states.map(model => {
        const stateId = stateIds.next(`${id}/${model.name}`);
        if (!idOfName.has(model.name)) idOfName.set(model.name, stateId);
        return { model, id: stateId, findings: [] };
    });

    // Transition anchors first: an effect or a transition range must not be claimed by a state.
    const transitions: Array<{ model: TransitionModel; id: string; source: string; findings: DiagramFinding[] }> = [];
    for (const state of states) {
        state.model.transitions.forEach((model, i) => {
            const findings: DiagramFinding[] = [];
            anchors.register(model.range, findings);
            if (model.effect) anchors.register(model.effect.range, findings);
            transitions.push({ model, id: `${state.id}/${i}`, source: state.id, findings });
        });
    }
    for (const state of states) {
        anchors.register(state.model.nameRange, state.findings);
        anchors.register(state.model.headerRange, state.findings);
        if (state.model.action) anchors.register(state.model.action.range, state.findings);
    }

    // A target naming no state gets a node of its own, so the transition can still be drawn.
    const missing: DiagramState[] = [];
    for (const transition of transitions) {
        const name = transition.model.target;
        if (idOfName.has(name)) continue;
        const missingId = stateIds.next(`${id}/?${name}`);
        idOfName.set(name, missingId);
        missing.push({
            id: missingId, name: name || '?', description: 'no such state', initial: false, end: false, missing: true, reachable: true, phases: [],
            range: transition.model.targetRange, selectionRange: transition.model.targetRange, findings: [],
        });
    }

    const phasesAt = machineAnalysis?.phasesAt;
    return {
        freeze: () => ({
            id,
            side: machine.side,
            name: machine.name,
            incomplete: machine.incomplete === true,
            pathChecked: machineAnalysis?.pathChecked === true,
            range: machine.range,
            selectionRange: machine.nameRange,
            findings: machineFindings,
            states: [
                ...states.map(({ model, id: stateId, findings }) => ({
                    id: stateId,
                    name: model.name,
                    ...(model.description !== undefined ? { description: model.description } : {}),
                    ...(model.action ? { actionLabel: actionLabel(model.action) } : {}),
                    initial: model.initial,
                    end: model.end,
                    missing: false,
                    reachable: reachable?.has(model.name) ?? true,
                    phases: [...(phasesAt?.get(model.name) ?? [])].map(phase => PHASE_LABELS[phase]),
                    range: model.range,
                    selectionRange: model.nameRange,
                    findings,
                })),
                ...missing,
            ],
            transitions: transitions.map(({ model, id: transitionId, source, findings }) => {
                const effectLabel = model.effect ? actionLabel(model.effect) : undefined;
                return {
                    id: transitionId,
                    source,
                    target: idOfName.get(model.target)!,
                    ...(model.outcome !== undefined ? { outcome: model.outcome } : {}),
                    ...(effectLabel !== undefined ? { effectLabel } : {}),
                    label: [model.outcome ?? DEFAULT_OUTCOME_LABEL, ...(effectLabel ? [effectLabel] : [])].join(' / '),
                    range: model.range,
                    selectionRange: model.range,
                    findings,
                };
            }),
        }),
    };
}

/**
 * The names of the states a path from the initial state enters, by the same
 * graph search the reachability checks use; undefined when the machine is
 * not well formed enough to tell (then nothing is drawn as unreachable).
 */
function reachableStates(machine: MachineModel): Set<string> | undefined {
    if (machine.incomplete) return undefined;
    const graph = buildMachineGraph(machine);
    if (!graph) return undefined;
    const { parentState } = breadthFirst(graph, graph.initial);
    const names = new Set<string>();
    graph.states.forEach((state, i) => {
        if (parentState[i] !== -2) names.add(state.name);
    });
    return names;
}
