import type { Phase } from '../analysis/catalog.js';
import { applyEffect, lookupCatalog, UNFINISHED_PHASES } from '../analysis/catalog.js';
import type { Side, StateModel, TransitionModel } from '../model/machine-model.js';
import { endStateOf, freshStateName, transitionAt, useAt } from './model-lookup.js';
import type { FixContext, QuickFix } from './quick-fix.js';

/**
 * Quick fixes for the two findings about finishing a call in the documented
 * order (call-state.md: wait for the notification, then RpcAsyncCompleteCall;
 * the server completes exactly once). Both add the missing states rather
 * than delete what is there.
 */

/**
 * complete-before-notification: wait for RpcCallComplete on the offending
 * path before completing; or let Complete poll with `on pending`.
 */
export function fixCompleteBeforeNotification({ finding, model, text }: FixContext): QuickFix[] {
    const hit = useAt(model, finding.range);
    if (!hit) return [];
    const { machine, state } = hit;
    const fixes: QuickFix[] = [];
    // The path's steps are its transitions, then the offending action: the step before last entered this state.
    const entering = finding.path && finding.path.length >= 2 ? transitionAt(model, finding.path[finding.path.length - 2].range) : undefined;
    if (entering) {
        const wait = freshStateName(machine, `Wait${state.name}`);
        const block = text.stateBlock(machine, `state ${wait} "Wait for completion"`, ['await RpcCallComplete', `-> ${state.name}`]);
        fixes.push({
            title: `Wait for RpcCallComplete in a new state ${wait} before ${state.name}`,
            edits: [
                { range: entering.transition.targetRange, newText: wait },
                text.insertBeforeState(state, block),
            ],
            preferred: true,
        });
    }
    fixes.push({
        title: `Add \`on pending -> ${state.name}\`: complete again while the call is still pending`,
        edits: [text.insertIntoBody(machine, state, `on pending -> ${state.name}`)],
    });
    return fixes;
}

/**
 * missing-completion: route the transition into End through new states that
 * finish the call. The client waits for the notification only where the call
 * may still be outstanding; once known complete, Complete alone is owed.
 */
export function fixMissingCompletion({ finding, model, analysis, text }: FixContext): QuickFix[] {
    const hit = transitionAt(model, finding.range);
    const end = hit && endStateOf(hit.machine);
    if (!hit || !end) return [];
    const { machine, state, transition } = hit;
    const entry = analysis.machines.find(m => m.machine === machine)?.phasesAt.get(state.name) ?? new Set<Phase>();
    const unfinished = new Set<Phase>();
    for (const phase of entry) {
        const after = phaseLeaving(machine.side, state, transition, phase);
        if (after && UNFINISHED_PHASES.has(after)) unfinished.add(after);
    }
    const needsWait = machine.side === 'client' && (unfinished.size === 0 || unfinished.has('outstanding'));
    const complete = freshStateName(machine, 'Completion');
    const wait = needsWait ? freshStateName(machine, 'WaitForCompletion', [complete]) : undefined;
    let blocks = '';
    if (wait) blocks += text.stateBlock(machine, `state ${wait} "Wait for completion"`, ['await RpcCallComplete', `-> ${complete}`]) + '\n';
    blocks += text.stateBlock(machine, `state ${complete} "Completion"`, ['invoke RpcAsyncCompleteCall', `-> ${end.name}`]);
    const first = wait ?? complete;
    const how = wait ? `wait for RpcCallComplete in ${wait}, then complete in ${complete}` : `complete the call in ${complete}`;
    return [{
        title: `Finish the call before ${end.name}: ${how}`,
        edits: [
            { range: transition.targetRange, newText: first },
            text.insertBeforeState(end, blocks),
        ],
        preferred: true,
    }];
}

/** The phase after leaving `state` by `transition`, entered in `phase`; undefined when its action or effect is illegal there. */
function phaseLeaving(side: Side, state: StateModel, transition: TransitionModel, phase: Phase): Phase | undefined {
    let next = phase;
    if (state.action) {
        const rule = lookupCatalog(state.action.kind, state.action.name)?.rules[side];
        if (!rule) return undefined;
        const special = rule.special;
        const handlesSpecial = special !== undefined && state.transitions.some(t => t.outcome === special.outcome);
        const legal = rule.legal[phase] ?? (handlesSpecial ? rule.legalWhenSpecialHandled?.[phase] : undefined);
        if (legal === undefined) return undefined;
        next = applyEffect(phase, special && transition.outcome === special.outcome ? special.effect : legal);
    }
    if (transition.effect) {
        const legal = lookupCatalog(transition.effect.kind, transition.effect.name)?.rules[side]?.legal[next];
        if (legal === undefined) return undefined;
        next = applyEffect(next, legal);
    }
    return next;
}
