import type { MachineAnalysis } from '../../language/analysis/analyze-protocol.js';
import { analyzeProtocol } from '../../language/analysis/analyze-protocol.js';
import type { Phase } from '../../language/analysis/catalog.js';
import type { Finding } from '../../language/analysis/finding.js';
import type { Machine, Protocol, State } from '../../language/generated/ast.js';
import type { MachineModel } from '../../language/model/machine-model.js';
import { rangeContainsPosition } from '../../language/model/source-range.js';
import type { ProtocolAnalyzer } from '../../language/pipeline/protocol-analyzer.js';

/** One machine of a parsed document with what the analysis found about it. */
export interface AnalyzedMachine {
    readonly analysis: MachineAnalysis;
    /** The findings located inside the machine. */
    readonly findings: readonly Finding[];
}

/**
 * The analysis of one AST machine. The model lists the machines in the order
 * of the AST, so the index links the two. Undefined for a node that is not in
 * the document's current tree.
 */
export function analyzedMachine(analyzer: ProtocolAnalyzer, machine: Machine): AnalyzedMachine | undefined {
    const protocol = machine.$container as Protocol | undefined;
    const machineAnalysis = analysisOfMachine(analyzer, machine);
    if (!protocol || !machineAnalysis) return undefined;
    const { findings } = analyzer.analyze(protocol).analysis;
    return { analysis: machineAnalysis, findings: findings.filter(f => rangeContainsPosition(machineAnalysis.machine.range, f.range.start)) };
}

/**
 * `analyzedMachine` without the findings, for what reads only the phases:
 * completion asks it for each of the states it offers, and picking out the
 * machine's findings each time was most of that.
 */
export function analysisOfMachine(analyzer: ProtocolAnalyzer, machine: Machine): MachineAnalysis | undefined {
    const protocol = machine.$container as Protocol | undefined;
    if (!protocol?.machines) return undefined;
    const index = protocol.machines.indexOf(machine);
    return analyzer.analyze(protocol).analysis.machines[index];
}

/** The phases the analysis found on entering a state; undefined when the machine was not path-checked. */
export function phasesOnEntering(analyzer: ProtocolAnalyzer, state: State): ReadonlySet<Phase> | undefined {
    const machine = state.$container as Machine | undefined;
    const analysis = machine && analysisOfMachine(analyzer, machine);
    if (!analysis?.pathChecked || !state.name) return undefined;
    return analysis.phasesAt.get(state.name);
}

/**
 * Phases at a state while the user is typing: the machine usually has a
 * syntax error then, which gates the checks. The phases on entering a state
 * depend only on the paths into it, so a copy of the machine without the
 * transitions that lost their target is analysed as if complete. A best
 * guess for ranking completion proposals, never for diagnostics.
 */
export function phasesWhileEditing(analyzer: ProtocolAnalyzer, state: State): ReadonlySet<Phase> | undefined {
    const checked = phasesOnEntering(analyzer, state);
    if (checked) return checked;
    const machine = state.$container as Machine | undefined;
    const analysis = machine && analysisOfMachine(analyzer, machine);
    if (!analysis || !state.name) return undefined;
    const model = analysis.machine;
    // Field by field: the model's ranges are getters, which a spread would drop.
    const repaired: MachineModel = {
        side: model.side,
        name: model.name,
        range: model.range,
        nameRange: model.nameRange,
        incomplete: false,
        states: model.states.map(s => ({
            name: s.name,
            description: s.description,
            initial: s.initial,
            end: s.end,
            range: s.range,
            nameRange: s.nameRange,
            headerRange: s.headerRange,
            action: s.action,
            transitions: s.transitions.filter(t => t.target !== ''),
        })),
    };
    const guess = analyzeProtocol({ name: '', machines: [repaired] }).machines[0];
    return guess?.pathChecked ? guess.phasesAt.get(state.name) : undefined;
}
