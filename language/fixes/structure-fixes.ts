import { catalogNames, entryUnderOtherKind, lookupCatalog } from '../analysis/catalog.js';
import { closestName, unmistakableName } from '../analysis/closest-name.js';
import type { MachineModel } from '../model/machine-model.js';
import { endStateOf, freshStateName, machineNamedAt, stateNamedAt, transitionAt, useAt } from './model-lookup.js';
import type { FixContext, QuickFix } from './quick-fix.js';

/**
 * Quick fixes for the structural checks and reachability: each repairs the
 * one element its finding stands on, in the smallest edit that removes it.
 */

/** unknown-state: retarget to the nearest existing name, or create the state. */
export function fixUnknownState({ finding, model, text }: FixContext): QuickFix[] {
    const hit = transitionAt(model, finding.range);
    if (!hit) return [];
    const { machine, state, transition } = hit;
    const fixes: QuickFix[] = [];
    const names = machine.states.map(s => s.name).filter(Boolean);
    const near = transition.target ? closestName(transition.target, names) : undefined;
    if (near) {
        // Unattended only for an unmistakable typo: with two near names, or a far one, the author may mean a state still to write.
        const unattended = unmistakableName(transition.target, names) === near;
        fixes.push({ title: `Change the target to ${near}`, edits: [{ range: transition.targetRange, newText: near }], preferred: true, unattended });
    }
    if (/^[_a-zA-Z]\w*$/.test(transition.target)) {
        const end = endStateOf(machine);
        const body = end ? [`-> ${end.name}`] : [];
        fixes.push({
            title: `Create state ${transition.target} in ${machine.name}`,
            edits: [text.insertAfterState(state, text.stateBlock(machine, `state ${transition.target}`, body))],
        });
    }
    return fixes;
}

/** unknown-action: the nearest catalog name of the same keyword, or the same name under the keyword it belongs to. */
export function fixUnknownAction({ finding, model }: FixContext): QuickFix[] {
    const hit = useAt(model, finding.range);
    const kind = hit?.use.kind;
    if (!hit || (kind !== 'invoke' && kind !== 'await')) return [];
    const { machine, use } = hit;
    const name = use.name ?? '';
    const isEffect = hit.transition !== undefined;
    const onThisSide = (k: 'invoke' | 'await', n: string) => lookupCatalog(k, n)?.rules[machine.side] !== undefined;
    const other = entryUnderOtherKind(kind, name);
    // An effect can only `invoke` (the grammar has no awaiting effect).
    if (other && !(isEffect && other.kind === 'await')) {
        // The name is exact and the catalog has it under one keyword only: one reading, unless this side may not use it at all.
        const unattended = other.rules[machine.side] !== undefined;
        return [{ title: `Write \`${other.kind} ${name}\``, edits: [{ range: use.range, newText: `${other.kind} ${name}` }], preferred: true, unattended }];
    }
    const sameKind = catalogNames(kind).filter(n => onThisSide(kind, n));
    const near = closestName(name, sameKind);
    if (near) {
        const unattended = unmistakableName(name, sameKind) === near;
        return [{ title: `Change to \`${kind} ${near}\``, edits: [{ range: use.range, newText: `${kind} ${near}` }], preferred: true, unattended }];
    }
    if (isEffect) return [];
    const otherKind = kind === 'invoke' ? 'await' : 'invoke';
    const nearOther = closestName(name, catalogNames(otherKind).filter(n => onThisSide(otherKind, n)));
    if (nearOther) return [{ title: `Change to \`${otherKind} ${nearOther}\``, edits: [{ range: use.range, newText: `${otherKind} ${nearOther}` }] }];
    return [];
}

/** wrong-side: the other side's equivalent where the catalog names one; or remove the action or effect. */
export function fixWrongSide({ finding, model, text }: FixContext): QuickFix[] {
    const hit = useAt(model, finding.range);
    if (!hit) return [];
    const { machine, state, use, transition } = hit;
    const fixes: QuickFix[] = [];
    const counterpart = lookupCatalog(use.kind, use.name)?.counterpart?.[machine.side];
    if (counterpart === 'call' || counterpart === 'dispatch') {
        if (!transition) {
            const written = use.name ? `${counterpart} ${use.name}` : counterpart;
            fixes.push({ title: `Use \`${counterpart}\`, the ${machine.side}'s equivalent`, edits: [{ range: use.range, newText: written }], preferred: true });
        }
    } else if (counterpart) {
        fixes.push({ title: `Use ${counterpart}, the ${machine.side}'s equivalent`, edits: [{ range: use.range, newText: `invoke ${counterpart}` }], preferred: true });
    }
    // Without its action, a first transition `invoke F -> X` would read as the action F (the contract's fixed reading).
    const firstReadsAsAction = !transition && state.transitions[0]?.effect !== undefined && state.transitions[0].outcome === undefined;
    if (!firstReadsAsAction) {
        fixes.push({ title: transition ? `Remove the effect ${describe(use)}` : `Remove the action ${describe(use)}`, edits: [text.deleteSpan(use.range)] });
    }
    return fixes;
}

function describe(use: { kind: string; name?: string }): string {
    return use.name ? `${use.kind} ${use.name}` : use.kind;
}

/** missing-initial: mark the first state that can be initial. */
export function fixMissingInitial({ finding, model }: FixContext): QuickFix[] {
    const machine = machineNamedAt(model, finding.range);
    const first = machine?.states.find(state => !state.end && state.name);
    if (!machine || !first) return [];
    return [{ title: `Mark ${first.name} as the initial state`, edits: [{ range: { start: first.range.start, end: first.range.start }, newText: 'initial ' }], preferred: true }];
}

/** missing-end: add `end state End` (a fresh name if End is taken) at the end of the machine. */
export function fixMissingEnd({ finding, model, text }: FixContext): QuickFix[] {
    const machine = machineNamedAt(model, finding.range);
    if (!machine) return [];
    const name = freshStateName(machine, 'End');
    const line = `${text.stateIndent(machine)}end state ${name}\n`;
    const closeLine = machine.range.end.line;
    const spacer = machine.states.length > 0 && closeLine > machine.range.start.line && text.line(closeLine - 1).trim() !== '' ? '\n' : '';
    return [{ title: `Add \`end state ${name}\` to ${machine.name}`, edits: [text.insertAtMachineEnd(machine, spacer + line)], preferred: true }];
}

/** unhandled-outcome: send the call's exception to the machine's end state. */
export function fixUnhandledOutcome({ finding, model, text }: FixContext): QuickFix[] {
    const hit = useAt(model, finding.range);
    const end = hit && endStateOf(hit.machine);
    if (!hit || !end) return [];
    const transition = `on exception -> ${end.name}`;
    return [{ title: `Add \`${transition}\` (a failed call leaves nothing to complete)`, edits: [text.insertIntoBody(hit.machine, hit.state, transition)], preferred: true }];
}

/** unreachable-state: remove it, unless another state still names it (that one would then target nothing). */
export function fixUnreachableState({ finding, model, text }: FixContext): QuickFix[] {
    const hit = stateNamedAt(model, finding.range);
    if (!hit || isTargetedByOthers(hit.machine, hit.state.name)) return [];
    return [{ title: `Remove the unreachable state ${hit.state.name}`, edits: [text.deleteState(hit.state)] }];
}

function isTargetedByOthers(machine: MachineModel, name: string): boolean {
    return machine.states.some(state => state.name !== name && state.transitions.some(t => t.target === name));
}
