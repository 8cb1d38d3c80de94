import type { Machine, State, Transition } from '../../language/generated/ast.js';
import { isMachine } from '../../language/generated/ast.js';
import type { ProtocolAnalyzer } from '../../language/pipeline/protocol-analyzer.js';
import { analysisOfMachine } from './machine-analysis.js';
import { phaseList } from './phase-names.js';

/** `on success → WComp`, `default → Comp`, with the effect when there is one. */
export function transitionLabel(transition: Transition, from?: string): string {
    const outcome = transition.outcome ? `on ${transition.outcome}` : 'default';
    const effect = transition.effect ? ` ${transition.effect.kind}${transition.effect.name ? ` ${transition.effect.name}` : ''}` : '';
    const target = transition.target?.$refText || '?';
    return from === undefined ? `${outcome}${effect} → ${target}` : `${from} (${outcome}${effect})`;
}

/**
 * The phases the call can be in on entering a state, as a sentence: from the
 * analysis, or why there is none.
 */
export function statePhasesText(analyzer: ProtocolAnalyzer, state: State): string {
    const machine = state.$container as Machine | undefined;
    const analysis = isMachine(machine) ? analysisOfMachine(analyzer, machine) : undefined;
    if (!analysis) return 'not checked';
    if (!analysis.pathChecked) {
        return analysis.machine.incomplete ? 'not checked: the machine has a syntax error' : 'not checked: the machine has structural errors';
    }
    const phases = analysis.phasesAt.get(state.name);
    return phaseList(phases ?? []) ?? 'none: no path from the initial state enters this state';
}

/** Hover text of a state: description, the phases on entry, transitions in and out. */
export function stateMarkdown(analyzer: ProtocolAnalyzer, state: State): string {
    const kind = state.initial ? 'initial state' : state.end ? 'end state' : 'state';
    const lines = [`**${kind} ${state.name}**${state.description ? ` — ${state.description}` : ''}`, ''];
    lines.push(`Phase of the call on entering: ${statePhasesText(analyzer, state)}`);
    const machine = state.$container as Machine | undefined;
    const incoming: string[] = [];
    // A target resolves to the first state of its name: compare names rather than resolve every reference of the machine.
    const states = isMachine(machine) ? machine.states : [];
    const targeted = states.find(other => other.name === state.name) === state;
    for (const other of targeted ? states : []) {
        for (const transition of other.transitions) {
            if (transition.target?.$refText === state.name) incoming.push(transitionLabel(transition, other.name));
        }
    }
    lines.push('', `Incoming: ${incoming.length > 0 ? incoming.join(', ') : 'none'}`);
    if (!state.end) {
        const outgoing = state.transitions.map(transition => transitionLabel(transition));
        lines.push('', `Outgoing: ${outgoing.length > 0 ? outgoing.join(', ') : 'none'}`);
    }
    return lines.join('\n');
}

