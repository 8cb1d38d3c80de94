import type { Phase, PhaseEffect } from '../../language/analysis/catalog.js';
import { PHASES } from '../../language/analysis/catalog.js';

/**
 * The phases as the contract names them (language.md, "Phases"): `complete`
 * reads "known complete" there. Hovers, inlay hints and completion details
 * all speak these words so that they match the documentation.
 */
export const PHASE_NAMES: Readonly<Record<Phase, string>> = {
    idle: 'idle',
    outstanding: 'outstanding',
    failed: 'failed',
    complete: 'known complete',
    closed: 'closed',
    waiting: 'waiting',
    active: 'active',
    finished: 'finished',
};


export function sortedPhases(phases: Iterable<Phase>): Phase[] {
    const present = new Set(phases);
    return PHASES.filter(phase => present.has(phase));
}

/** `outstanding | known complete`, or undefined for no phase. */
export function phaseList(phases: Iterable<Phase>, separator = ' | '): string | undefined {
    const names = sortedPhases(phases).map(phase => PHASE_NAMES[phase]);
    return names.length > 0 ? names.join(separator) : undefined;
}

export function effectText(effect: PhaseEffect): string {
    return effect === 'same' ? 'phase unchanged' : `→ ${PHASE_NAMES[effect]}`;
}
