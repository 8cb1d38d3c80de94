import type { SourcePosition, SourceRange } from '../model/source-range.js';
import { rangeContainsPosition } from '../model/source-range.js';
import type { DiagramModel } from './diagram-model.js';

/**
 * Selection in both directions between the text and the diagram, on the
 * diagram model alone (the editor extension and tests use it; no editor API).
 */
export interface DiagramElementRef {
    readonly id: string;
    readonly kind: 'machine' | 'state' | 'transition';
    /** What selecting the element in the text selects: a state's name, a whole transition, a machine's name. */
    readonly selectionRange: SourceRange;
}

/** The innermost drawn element whose text contains the position: a transition, else a state, else a machine. */
export function elementAtPosition(diagram: DiagramModel, position: SourcePosition): DiagramElementRef | undefined {
    for (const machine of diagram.machines) {
        if (!rangeContainsPosition(machine.range, position)) continue;
        for (const transition of machine.transitions) {
            if (rangeContainsPosition(transition.range, position)) return { id: transition.id, kind: 'transition', selectionRange: transition.selectionRange };
        }
        for (const state of machine.states) {
            if (!state.missing && rangeContainsPosition(state.range, position)) return { id: state.id, kind: 'state', selectionRange: state.selectionRange };
        }
        return { id: machine.id, kind: 'machine', selectionRange: machine.selectionRange };
    }
    return undefined;
}

/** The element a diagram id names (an initial marker names its state). */
export function elementById(diagram: DiagramModel, id: string): DiagramElementRef | undefined {
    for (const machine of diagram.machines) {
        if (machine.id === id) return { id, kind: 'machine', selectionRange: machine.selectionRange };
        for (const state of machine.states) {
            if (state.id === id) return { id, kind: 'state', selectionRange: state.selectionRange };
        }
        for (const transition of machine.transitions) {
            if (transition.id === id) return { id, kind: 'transition', selectionRange: transition.selectionRange };
        }
    }
    return undefined;
}
