import type { CatalogEntry } from '../../language/analysis/catalog.js';
import { lookupCatalog } from '../../language/analysis/catalog.js';
import type { State, Transition } from '../../language/generated/ast.js';
import { isMachine, isState } from '../../language/generated/ast.js';
import type { Side } from '../../language/model/machine-model.js';
import { catalogEntryLabel } from './catalog-markdown.js';
import { effectText } from './phase-names.js';

/** Outcome names that read well after most actions (the contract's own examples). */
export const USUAL_OUTCOMES: readonly string[] = ['success', 'fail', 'fatal', 'done'];

/** The catalog entry of a state's action, and the side it runs on. */
export function stateActionEntry(state: State): { entry: CatalogEntry; side: Side } | undefined {
    if (!state.action) return undefined;
    const entry = lookupCatalog(state.action.kind, state.action.name);
    const side: Side = isMachine(state.$container) && state.$container.side === 'server' ? 'server' : 'client';
    return entry ? { entry, side } : undefined;
}

/** The outcome that the catalog gives its own effect after this state's action (`exception` after `call`), if any. */
export function specialOutcome(state: State): string | undefined {
    const found = stateActionEntry(state);
    return found?.entry.rules[found.side]?.special?.outcome;
}

/** What taking `on NAME` means for the call, given the state's action. */
export function outcomeMarkdown(transition: Transition): string | undefined {
    const state = transition.$container;
    if (!isState(state) || !transition.outcome) return undefined;
    const found = stateActionEntry(state);
    const rule = found?.entry.rules[found.side];
    if (!found || !rule) {
        return `**on ${transition.outcome}**: an outcome of the code that runs in ${state.name ?? 'this state'}; it has no catalog action, so the call's phase does not change.`;
    }
    const label = catalogEntryLabel(found.entry);
    if (rule.special?.outcome === transition.outcome) {
        return `**on ${transition.outcome}**: the special outcome of \`${label}\`: ${effectText(rule.special.effect)} (instead of the normal effect).`;
    }
    const normal = new Set(Object.values(rule.legal));
    const effect = normal.size === 1 ? `: ${effectText([...normal][0]!)}` : '';
    return `**on ${transition.outcome}**: \`${label}\` has its normal effect here${effect}${rule.special ? `; only \`on ${rule.special.outcome}\` differs` : ''}.`;
}
