import type { DeadlockTrace, FinalPlace } from '../analysis/composition/composition-report.js';
import type { DiagramMachine, DiagramModel } from './diagram-model.js';

/** The deadlock a diagram draws: its message, and how many of its first steps are not numbered (only the last ones are listed). */
export interface DiagramInterleaving {
    readonly summary: string;
    readonly skipped: number;
    readonly steps: number;
}

/**
 * The diagram with one deadlock's interleaving drawn on it: each transition
 * the interleaving takes carries the numbers of its steps (`steps`, and in
 * front of its label, so every format and the layout see them), and each
 * state where a machine waits forever says so (`waits`). Steps are matched
 * to the drawing by machine name, state name and the transition's index in
 * its state, the ids the diagram model gives them.
 */
export function withInterleaving(diagram: DiagramModel, trace: DeadlockTrace): DiagramModel {
    const stepsOf = new Map<string, number[]>();
    for (const step of trace.steps) {
        const stateId = stateIdOf(diagram, step.side, step.machine, step.state);
        if (!stateId) continue;
        const id = `${stateId}/${step.transition}`;
        stepsOf.set(id, [...stepsOf.get(id) ?? [], step.number]);
    }
    const waits = new Map<string, string>();
    for (const place of [trace.waiting, trace.other]) {
        const stateId = place.status === 'waits' ? stateIdOf(diagram, place.side, place.machine, place.state) : undefined;
        if (stateId) waits.set(stateId, waitText(place, trace.skipped + trace.steps.length + 1));
    }
    return {
        ...diagram,
        interleaving: { summary: trace.finding.message, skipped: trace.skipped, steps: trace.skipped + trace.steps.length },
        machines: diagram.machines.map(machine => ({
            ...machine,
            states: machine.states.map(state => waits.has(state.id) ? { ...state, waits: waits.get(state.id)! } : state),
            transitions: machine.transitions.map(transition => {
                const steps = stepsOf.get(transition.id);
                return steps ? { ...transition, steps, label: `${steps.join(',')}▸ ${transition.label}` } : transition;
            }),
        })),
    };
}

function stateIdOf(diagram: DiagramModel, side: string, machine: string, state: string): string | undefined {
    const drawn: DiagramMachine | undefined = diagram.machines.find(m => m.side === side && m.name === machine);
    return drawn?.states.find(s => s.name === state && !s.missing)?.id;
}

const WAITS_FOR: Record<NonNullable<FinalPlace['wait']>, string> = {
    reply: 'the reply',
    result: 'a final status',
    dispatch: 'a call it dispatches',
    cancel: 'RpcClientCancel',
    disconnect: 'RpcClientDisconnect',
    'no-transition': 'a transition (it has none)',
};

function waitText(place: FinalPlace, after: number): string {
    return `${after}▸ waits forever for ${place.wait ? WAITS_FOR[place.wait] : 'the other machine'}`;
}
