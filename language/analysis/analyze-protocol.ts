import type { MachineModel, ProtocolModel } from '../model/machine-model.js';
import type { CompositionResult } from './composition/analyze-composition.js';
import { analyzeComposition } from './composition/analyze-composition.js';
import type { Finding } from './finding.js';
import { compareFindings } from './finding.js';
import { buildMachineGraph } from './machine-graph.js';
import type { PriorIndex, StateIndex } from './state-index.js';
import { indexStates } from './state-index.js';
import type { PhaseLookup } from './phase-analysis.js';
import { explorePhases } from './phase-analysis.js';

import { checkReachability } from './reachability.js';
import type { QuietStates } from './structural-checks.js';
import { checkMachineStructure, checkProtocolStructure } from './structural-checks.js';

const NO_PHASES: PhaseLookup = { get: () => undefined };
const NONE_UNREACHABLE: ReadonlySet<string> = new Set();

/** Everything the analysis knows about one machine, beyond its findings. */
export interface MachineAnalysis {
    readonly machine: MachineModel;
    /** False when structural errors gate the path checks (no single initial/end, duplicate names, unknown targets). */
    readonly pathChecked: boolean;
    /** Phases the call can be in on entering each state, by state name; knows no state when not path-checked. */
    readonly phasesAt: PhaseLookup;
    /** The states no path from the initial state enters, by name (reachability.ts); empty when not path-checked. */
    readonly unreachable: ReadonlySet<string>;
}

export interface ProtocolAnalysis {
    readonly findings: readonly Finding[];
    readonly machines: readonly MachineAnalysis[];
    /** The client × server check; absent when the caller asked for the single-machine checks only. */
    readonly composition?: CompositionResult;
}

export interface AnalyzeOptions {
    /** Run the client × server check too (default true). The editor may run it on its own with `analyzeComposition`. */
    readonly composition?: boolean;
    /** The most joint points the client × server check explores (default COMPOSITION_BUDGET). */
    readonly compositionBudget?: number;
    /**
     * The result of each machine, instead of `analyzeMachine(machine)`: the
     * editor passes results it kept for machines whose text did not change.
     * It must give what `analyzeMachine` would.
     */
    readonly machineResult?: (machine: MachineModel) => MachineResult;
}

/** What the analysis says about one machine on its own: its findings, and what the features read. */
export interface MachineResult {
    readonly findings: readonly Finding[];
    readonly analysis: MachineAnalysis;
    /** The machine's names resolved, for the next analysis after an edit in a few of its states (`analyzeMachine`'s prior); absent when incomplete. */
    readonly index?: StateIndex;
    /** The states its structure check found nothing on, for the same; absent when incomplete. */
    readonly quiet?: QuietStates;
}

/** What an earlier analysis of the machine leaves for the next one after an edit in a few states: its index and, optionally, its quiet states. */
export interface PriorAnalysis extends PriorIndex {
    readonly quiet?: QuietStates;
}

/**
 * The whole analysis of a protocol: structural checks on every machine; path
 * checks (reachability, then phase legality) only on machines that are well
 * formed, as the contract requires; then, when the protocol has one client
 * and one server both free of errors, the client × server check. A machine the parser could only partly
 * read (`incomplete`) gets no finding at all: its syntax error comes first.
 * Pure: the same model gives the same result.
 */
export function analyzeProtocol(protocol: ProtocolModel, options: AnalyzeOptions = {}): ProtocolAnalysis {
    const findings: Finding[] = checkProtocolStructure(protocol);
    const machines: MachineAnalysis[] = [];
    const resultOf = options.machineResult ?? analyzeMachine;
    for (const machine of protocol.machines) {
        const result = resultOf(machine);
        for (const f of result.findings) findings.push(f);
        machines.push(result.analysis);
    }
    if (options.composition === false) return { findings: findings.sort(compareFindings), machines };
    // The single-machine analysis knows which machines have a graph; the gate need not build them to learn it.
    const wellFormed = (machine: MachineModel) => machines.some(analysis => analysis.machine === machine && analysis.pathChecked);
    const composition = analyzeComposition(protocol, findings, { budget: options.compositionBudget, wellFormed });
    for (const f of composition.findings) findings.push(f);
    return { findings: findings.sort(compareFindings), machines, composition };
}

/**
 * One machine's checks, which depend on nothing outside it (so a machine's
 * result can be kept while its text stays the same). `prior`, the index of an
 * earlier version of the machine, is used only where it gives what a fresh
 * index would (state-index.ts): the result is the same with or without it.
 */
export function analyzeMachine(machine: MachineModel, prior?: PriorAnalysis): MachineResult {
    const unchecked = { machine, pathChecked: false, phasesAt: NO_PHASES, unreachable: NONE_UNREACHABLE };
    if (machine.incomplete) return { findings: [], analysis: unchecked };
    const index = indexStates(machine, prior);
    const { findings, quiet } = checkMachineStructure(machine, index, prior?.quiet && { quiet: prior.quiet, states: prior.states });
    const graph = buildMachineGraph(machine, index);
    if (!graph) return { findings, analysis: unchecked, index, quiet };
    const reachability = checkReachability(graph);
    for (const f of reachability.findings) findings.push(f);
    const exploration = explorePhases(graph);
    for (const f of exploration.findings) findings.push(f);
    return { findings, analysis: { machine, pathChecked: true, phasesAt: exploration.phasesAt, unreachable: reachability.unreachable }, index, quiet };
}
