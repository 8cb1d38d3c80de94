import type { ActionModel, EffectModel, MachineModel, ProtocolModel, StateModel, TransitionModel } from '../model/machine-model.js';
import { actionLabel } from './action-labels.js';
import { catalogNames, entryUnderOtherKind, lookupCatalog, otherSide } from './catalog.js';
import { closestName } from './closest-name.js';
import type { Finding } from './finding.js';
import { finding } from './finding.js';
import type { StateIndex } from './state-index.js';
import type { StateNames } from './state-names.js';
import { indexStates } from './state-index.js';

/** The protocol's own structural check: one machine per side. Each machine's are `checkMachineStructure`'s. */
export function checkProtocolStructure(protocol: ProtocolModel): Finding[] {
    const findings: Finding[] = [];
    const seenSides = new Map<string, MachineModel>();
    for (const machine of protocol.machines) {
        if (machine.incomplete) continue;
        const first = seenSides.get(machine.side);
        if (first) {
            findings.push(finding('duplicate-machine',
                `Protocol ${protocol.name} already has a ${machine.side}, ${first.name}: a protocol describes one client and one server. Merge ${machine.name} into ${first.name}, or move it to a protocol of its own.`,
                machine.nameRange, { machine: machine.name }));
        } else {
            seenSides.set(machine.side, machine);
        }
    }
    return findings;
}

/**
 * The states a structure check found nothing on (flags[s] = 1), with the
 * side and the names table it checked them against. A state is checked on
 * its own (its outcomes, its uses of the catalog, its targets through the
 * names table), so the same state, in a machine of the same side with the
 * same names table, is quiet again: an analysis after an edit inside a few
 * states skips the kept quiet ones instead of reading all 200,000 states and
 * transitions of a large machine.
 */
export interface QuietStates {
    readonly side: MachineModel['side'];
    readonly byName: StateNames;
    readonly flags: Uint8Array;
}

/** A machine's structure findings, and its quiet states for the next check. */
export interface MachineStructure {
    readonly findings: Finding[];
    readonly quiet: QuietStates;
}

/**
 * Checks of one machine that need no path: names, counts, catalog lookups.
 * `previous`: the quiet states of an earlier check and the states it checked
 * by index (undefined where one was replaced since); used only while `index`
 * has the same names table (state-index.ts then checked those states are the
 * same), and only for the same side.
 */
export function checkMachineStructure(machine: MachineModel, index: StateIndex = indexStates(machine),
    previous?: { readonly quiet: QuietStates; readonly states: ReadonlyArray<StateModel | undefined> }): MachineStructure {
    const findings: Finding[] = [];
    const report = (code: Parameters<typeof finding>[0], message: string, range: Parameters<typeof finding>[2]) => {
        findings.push(finding(code, message, range, { machine: machine.name }));
    };

    // With as many distinct names as states, every state is the first of its name: no state to read.
    if (index.byName.size !== machine.states.length) {
        machine.states.forEach((state, i) => {
            const first = index.byName.get(state.name)!;
            if (first !== i) {
                report('duplicate-state', `${machine.name} already has a state named ${state.name} (line ${machine.states[first].nameRange.start.line + 1}). Rename one of them: transitions could not tell them apart.`, state.nameRange);
            }
        });
    }
    const initials = index.initials.map(i => machine.states[i]);
    const ends = index.ends.map(i => machine.states[i]);

    if (initials.length === 0) {
        report('missing-initial', `${machine.name} has no initial state, so no path can be checked. Mark the state where the ${machine.side === 'client' ? 'call is made' : 'call is dispatched'} with \`initial state\`.`, machine.nameRange);
    }
    for (const extra of initials.slice(1)) {
        report('multiple-initial', `${extra.name} is a second initial state of ${machine.name}; ${initials[0].name} is the first. A machine starts in exactly one state: drop \`initial\` here.`, extra.headerRange);
    }
    if (ends.length === 0) {
        report('missing-end', `${machine.name} has no end state, so no path can finish. Add \`end state End\` and route the last transitions to it.`, machine.nameRange);
    }
    for (const extra of ends.slice(1)) {
        report('multiple-end', `${extra.name} is a second end state of ${machine.name}; ${ends[0].name} is the first. Route every finished path to ${ends[0].name} and remove ${extra.name}.`, extra.headerRange);
    }

    // Suggestions cost an edit distance per state name: offer them for the first few only.
    const context: StateCheck = { machine, index, findings, report, suggestionsLeft: 50 };
    const { states } = machine;
    const flags = new Uint8Array(states.length);
    const skip = previous && previous.quiet.side === machine.side && previous.quiet.byName === index.byName ? previous : undefined;
    for (let s = 0; s < states.length; s++) {
        if (skip && skip.quiet.flags[s] === 1 && skip.states[s] === states[s]) {
            flags[s] = 1;
            continue;
        }
        const before = findings.length;
        checkState(context, s);
        if (findings.length === before) flags[s] = 1;
    }
    return { findings, quiet: { side: machine.side, byName: index.byName, flags } };
}

/** What the check of each state reads and writes: one object for the machine. */
interface StateCheck {
    readonly machine: MachineModel;
    readonly index: StateIndex;
    readonly findings: Finding[];
    readonly report: (code: Parameters<typeof finding>[0], message: string, range: Parameters<typeof finding>[2]) => void;
    suggestionsLeft: number;
}

/** The checks of state s on its own: its outcomes, its targets, its uses of the catalog. */
function checkState(context: StateCheck, s: number): void {
    const { machine, index, findings, report } = context;
    const state = machine.states[s];
    // The outcomes handled so far by the current state: for a state with a
    // handful of transitions, the ones before (scanned, nothing allocated: a
    // Set per state was a noticeable share of the garbage on large machines,
    // and emptying a reused array per state a noticeable share of the time);
    // a Set for a state with many (so the check stays linear).
    const many = state.transitions.length > 32 ? new Set<string>() : undefined;
    let hasDefault = false;
    const { transitions } = state;
    for (let e = 0; e < transitions.length; e++) {
        const transition = transitions[e];
        if (transition.outcome === undefined) {
            if (hasDefault) {
                report('duplicate-outcome', `${state.name} already has a default transition (one without \`on\`); a second one is never taken. Remove it, or give it an outcome with \`on NAME\`.`, transition.range);
            }
            hasDefault = true;
        } else {
            if (many ? many.has(transition.outcome) : handledBefore(transitions, e, transition.outcome)) {
                report('duplicate-outcome', `${state.name} already handles \`on ${transition.outcome}\`; this second transition is never taken. Remove it, or handle another outcome.`, transition.range);
            }
            many?.add(transition.outcome);
        }
        if (index.targets[index.edgeStart[s] + e] < 0) {
            const near = context.suggestionsLeft-- > 0 ? closestName(transition.target, index.byName.folded()) : undefined;
            const hint = near ? `Did you mean ${near}? Otherwise add` : 'Add';
            report('unknown-state', `${machine.name} has no state ${transition.target}. ${hint} \`state ${transition.target} { ... }\` to ${machine.name}.`, transition.range);
        }
        const effectFinding = transition.effect && checkCatalogUse(machine, state, transition.effect, 'effect');
        if (effectFinding) findings.push(effectFinding);
    }
    if (state.action) {
        const actionFinding = checkCatalogUse(machine, state, state.action, 'action');
        if (actionFinding) findings.push(actionFinding);
        if (state.action.kind === 'call' && machine.side === 'client' && !(many ? many.has('exception') : handledBefore(transitions, transitions.length, 'exception'))) {
            report('unhandled-outcome', `The call in ${state.name} can fail with an exception, and ${state.name} has no \`on exception\` transition, so that failure ${hasDefault ? 'takes the default transition as if the call were outstanding' : 'goes nowhere'}. Add \`on exception -> ${endName(machine) ?? 'End'}\` (nothing is outstanding then, no notification will come).`, state.action.range);
        }
    }
}

/** Whether one of the first `count` transitions handles `outcome`. */
function handledBefore(transitions: readonly TransitionModel[], count: number, outcome: string): boolean {
    for (let k = 0; k < count; k++) if (transitions[k].outcome === outcome) return true;
    return false;
}

/** unknown-action or wrong-side for one action or effect; undefined when the catalog allows it here (the common case: no allocation). */
function checkCatalogUse(machine: MachineModel, state: StateModel, use: ActionModel | EffectModel, role: 'action' | 'effect'): Finding | undefined {
    const entry = lookupCatalog(use.kind, use.name);
    if (!entry) {
        const where = role === 'action' ? `the action of ${state.name}` : `an effect in ${state.name}`;
        const kind = use.kind as 'invoke' | 'await';
        const name = use.name ?? '';
        const other = entryUnderOtherKind(kind, name);
        let hint: string;
        if (other) {
            hint = kind === 'invoke' ? `${name} is an event: write \`await ${name}\`.` : `${name} is a function: write \`invoke ${name}\`.`;
        } else {
            const sameKind = catalogNames(kind);
            const otherKind = kind === 'invoke' ? 'await' : 'invoke';
            const near = closestName(name, [...sameKind, ...catalogNames(otherKind)]);
            if (near && sameKind.includes(near)) hint = `Did you mean ${near}?`;
            else if (near) hint = `Did you mean \`${otherKind} ${near}\`? (${near} is ${otherKind === 'await' ? 'an event' : 'a function'}.)`;
            else hint = `Known ${kind === 'invoke' ? 'functions' : 'events'}: ${sameKind.join(', ')}.`;
        }
        return finding('unknown-action', `\`${use.kind} ${name}\` (${where}) names nothing in the catalog. ${hint}`, use.range, { machine: machine.name });
    }
    if (!entry.rules[machine.side]) {
        const alternative = entry.counterpart?.[machine.side];
        const hint = alternative ? ` On the ${machine.side}, use ${alternative === 'call' || alternative === 'dispatch' ? `\`${alternative}\`` : alternative} instead.` : ' Remove it, or move it to the other machine.';
        return finding('wrong-side', `${actionLabel(use)} belongs to the ${otherSide(machine.side)} side; ${machine.name} is a ${machine.side}.${hint}`, use.range, { machine: machine.name });
    }
    return undefined;
}

function endName(machine: MachineModel): string | undefined {
    return machine.states.find(state => state.end)?.name;
}
