import type { CatalogEntry, Phase, PhaseEffect, PhaseRule } from '../../language/analysis/catalog.js';
import type { Side } from '../../language/model/machine-model.js';
import { effectText, phaseList } from './phase-names.js';

/** How an entry is written in a file: `invoke RpcAsyncCancelCall`, `await RpcCallComplete`, `call`. */
export function catalogEntryLabel(entry: CatalogEntry): string {
    return entry.name ? `${entry.kind} ${entry.name}` : entry.kind;
}

/** The sides an entry is allowed on, in a stable order. */
export function entrySides(entry: CatalogEntry): Side[] {
    return (['client', 'server'] as const).filter(side => entry.rules[side] !== undefined);
}

/**
 * The markdown a hover or a completion item shows for a catalog entry: what
 * it does, on which side, in which phases it is legal and what it does to the
 * phase, the documented facts and the page they come from. With `side`, only
 * that side's rule is shown (the other side's is mentioned, not detailed).
 */
export function catalogEntryMarkdown(entry: CatalogEntry, side?: Side): string {
    const lines: string[] = [`**${catalogEntryLabel(entry)}** · ${entrySides(entry).join(' and ')}`, '', entry.summary, ''];
    const shownSides = side && entry.rules[side] ? [side] : entrySides(entry);
    for (const shown of shownSides) {
        const rule = entry.rules[shown]!;
        const prefix = shownSides.length > 1 || shown !== side ? `${shown}: ` : '';
        lines.push(`- ${prefix}legal when the call is ${legalPhasesText(rule)}`);
        lines.push(`- ${prefix}effect: ${ruleEffectText(rule)}`);
    }
    if (side && !entry.rules[side]) {
        const instead = entry.counterpart?.[side];
        lines.push(`- not allowed on the ${side} side${instead ? `; write \`${instead}\` there` : ''}`);
    }
    if (entry.facts.length > 0) {
        lines.push('', ...entry.facts.map(fact => `- ${fact}`));
    }
    lines.push('', `[Documentation on learn.microsoft.com](${entry.documentation})`);
    return lines.join('\n');
}

function legalPhasesText(rule: PhaseRule): string {
    const legal = phaseList(Object.keys(rule.legal) as Phase[], ', ') ?? 'never';
    const extra = rule.legalWhenSpecialHandled && rule.special
        ? `; also ${phaseList(Object.keys(rule.legalWhenSpecialHandled) as Phase[], ', ')} when the state handles \`on ${rule.special.outcome}\``
        : '';
    const thread = rule.onlyOnDispatchThread ? ', and only in the state whose action is `dispatch`' : '';
    return `${legal}${extra}${thread}`;
}

/** `→ outstanding; on exception: → failed`; effects that differ by phase are listed per phase. */
export function ruleEffectText(rule: PhaseRule): string {
    const effects = new Set<PhaseEffect>(Object.values(rule.legal) as PhaseEffect[]);
    const normal = effects.size === 1
        ? effectText([...effects][0])
        : (Object.entries(rule.legal) as Array<[Phase, PhaseEffect]>).map(([from, effect]) => `${phaseList([from])}: ${effectText(effect)}`).join(', ');
    const special = rule.special ? `; \`on ${rule.special.outcome}\`: ${effectText(rule.special.effect)}` : '';
    return `${normal}${special}`;
}
