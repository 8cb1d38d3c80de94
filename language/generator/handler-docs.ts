import { lookupCatalog } from '../analysis/catalog.js';
import type { ActionModel, EffectModel, Side } from '../model/machine-model.js';
import type { StateApi, TransitionApi } from './machine-api.js';
import { actionText } from './machine-api.js';
import { commentText } from './naming.js';

/**
 * The documentation of each Handlers method, as comment-safe lines: the
 * state's description, what the action is for and the documented facts
 * behind it (from the catalog, the same table the checks and hovers use),
 * and which outcome leads where.
 */
export function stateMethodDoc(api: StateApi, side: Side): string[] {
    const { state } = api;
    const lines = [state.description ? `State \`${state.name}\`: ${commentText(state.description)}` : `State \`${state.name}\`.`];
    const see = state.action ? actionLines(state.action, side, lines) : undefined;
    if (!state.action) lines.push('', 'No action: decide which transition to take.');
    lines.push('', 'Returns the outcome that picks the next state:');
    const special = state.action ? lookupCatalog(state.action.kind, state.action.name)?.rules[side]?.special?.outcome : undefined;
    for (const transition of api.transitions) {
        const outcome = transition.transition.outcome;
        const effect = transition.transition.effect ? `, after the effect \`${actionText(transition.transition.effect)}\` (${transition.effectMethod})` : '';
        if (outcome === undefined) {
            lines.push(`- \`undefined\` → \`${transition.to.name}\`${effect} (the default transition)`);
        } else {
            const note = outcome === special ? ` (the special outcome of \`${actionText(state.action!)}\`)` : '';
            lines.push(`- \`'${outcome}'\` → \`${transition.to.name}\`${effect}${note}`);
        }
    }
    if (api.transitions.length === 0) lines.push('- nothing: the state has no transitions, so its handler can only throw.');
    if (see) lines.push(`@see ${see}`);
    return lines;
}

export function effectMethodDoc(api: TransitionApi, side: Side): string[] {
    const outcome = api.transition.outcome === undefined ? 'with no named outcome (the default transition)' : `\`'${api.transition.outcome}'\``;
    const lines = [
        `Effect of the transition from \`${api.from.name}\` to \`${api.to.name}\`: runs after \`${api.from.name}\` returned ${outcome}, before \`${api.to.name}\` is entered.`,
    ];
    const see = actionLines(api.transition.effect!, side, lines);
    if (see) lines.push(`@see ${see}`);
    return lines;
}

/** Appends what the action is and its documented facts; returns its documentation link. */
function actionLines(action: ActionModel | EffectModel, side: Side, lines: string[]): string | undefined {
    const entry = lookupCatalog(action.kind, action.name);
    lines.push('', entry ? `\`${actionText(action)}\`: ${commentText(entry.summary)}` : `\`${actionText(action)}\``);
    if (!entry) return undefined;
    for (const fact of entry.facts) lines.push(`- ${commentText(fact)}`);
    if (!entry.rules[side]) lines.push(`- Not allowed on the ${side} side.`);
    return entry.documentation;
}
