import { describe, expect, it } from 'vitest';
import type { MachineResult, PriorAnalysis } from '../../language/analysis/analyze-protocol.js';
import { analyzeMachine } from '../../language/analysis/analyze-protocol.js';
import type { StateIndex } from '../../language/analysis/state-index.js';
import { indexStates } from '../../language/analysis/state-index.js';
import type { MachineModel, StateModel } from '../../language/model/machine-model.js';
import { endState, machine, state, t } from '../support/model-builders.js';
import { seededRandom } from '../support/seeded-random.js';

// Known actions, and now and then one the catalog lacks, one of the other kind, one of the other side (structure findings).
const ACTIONS = [undefined, 'call', 'invoke RpcAsyncCompleteCall', 'await RpcCallComplete', 'invoke RpcAsyncCancelCall', 'call', 'invoke RpcAsyncCompleteCall', 'invoke NoSuchFunction', 'await RpcAsyncCompleteCall', 'dispatch'];
const OUTCOMES = ['', 'success ', 'exception ', 'fail ', 'pending ', 'cancel invoke RpcAsyncCancelCall '];

function randomState(random: () => number, name: string, names: readonly string[], initial: boolean): StateModel {
    const pick = (n: number) => Math.floor(random() * n);
    // Mostly known targets, now and then one no state has.
    const target = () => pick(12) === 0 ? `${names[pick(names.length)]}x` : names[pick(names.length)];
    const transitions = Array.from({ length: pick(5) }, () => t(`${OUTCOMES[pick(OUTCOMES.length)]}-> ${target()}`));
    return state(name, { initial, action: ACTIONS[pick(ACTIONS.length)], transitions });
}

function randomMachine(random: () => number): MachineModel {
    const n = 2 + Math.floor(random() * 40);
    const names = [...Array.from({ length: n }, (_, i) => `S${i}`), 'End'];
    // Now and then a name twice (duplicate-state).
    if (random() < 0.1) names[1 + Math.floor(random() * (n - 1))] = names[Math.floor(random() * n)];
    return machine('client', 'Caller', [...names.slice(0, n).map((name, i) => randomState(random, name, names, i === 0)), endState()]);
}

/** An edit inside a few states: each gets a new model, mostly with its name kept (as typing in a state does), its transitions redrawn. */
function editStates(random: () => number, before: MachineModel): { after: MachineModel; replaced: Set<number> } {
    const names = before.states.map(s => s.name);
    const replaced = new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => Math.floor(random() * before.states.length)));
    const states = before.states.map((old, i) => {
        if (!replaced.has(i)) return old;
        const rename = random() < 0.15;
        const name = rename ? (random() < 0.5 ? names[Math.floor(random() * names.length)] : `${old.name}y`) : old.name;
        // Now and then a state becomes or stops being initial, or becomes an end state.
        if (old.end || random() < 0.05) return endState(name);
        return randomState(random, name, names, random() < 0.1 ? !old.initial : old.initial);
    });
    // Now and then the machine's side changes too (a state re-parse never does that, but the analysis must not assume it).
    const side = random() < 0.05 ? (before.side === 'client' ? 'server' : 'client') : before.side;
    return { after: { ...before, side, states }, replaced };
}

/** An index as plain data: what every check reads of it. */
function plainIndex(index: StateIndex, machine: MachineModel): unknown {
    const names = machine.states.map(s => s.name).concat(['nowhere']);
    return { size: index.byName.size, names: [...index.byName.names()], get: names.map(name => index.byName.get(name)), edgeStart: [...index.edgeStart], targets: [...index.targets], unknown: index.unknownTargets, initials: index.initials, ends: index.ends };
}

/** A machine's result as plain data: findings, whether path-checked, phases and reachability by state. */
function plainResult(result: MachineResult): unknown {
    const { analysis } = result;
    return { findings: result.findings, pathChecked: analysis.pathChecked, unreachable: [...analysis.unreachable], phases: analysis.machine.states.map(s => [...analysis.phasesAt.get(s.name) ?? []]) };
}

describe('an analysis from the index of an earlier version of the machine', () => {
    it('equals a fresh analysis after random edits inside states (its index and its quiet states given), and reuses the names whenever they did not change', () => {
        const random = seededRandom(11);
        let reused = 0;
        for (let round = 0; round < 300; round++) {
            const before = randomMachine(random);
            const first = analyzeMachine(before);
            const { after, replaced } = editStates(random, before);
            const prior: PriorAnalysis = { index: first.index!, quiet: first.quiet, states: before.states.map((s, i) => replaced.has(i) ? undefined : s) };
            const fresh = indexStates(after);
            const fromPrior = indexStates(after, prior);
            expect(plainIndex(fromPrior, after)).toEqual(plainIndex(fresh, after));
            expect(plainResult(analyzeMachine(after, prior))).toEqual(plainResult(analyzeMachine(after)));
            // The names table is kept exactly when every replaced state kept its name and is its name's first state.
            const usable = [...replaced].every(i => after.states[i].name === before.states[i].name && fresh.byName.get(after.states[i].name) === i);
            expect(fromPrior.byName === prior.index.byName, `round ${round}`).toBe(usable);
            if (usable) reused++;
        }
        expect(reused).toBeGreaterThan(200);
    });

    it('is not used when a state it calls kept is another object, or the machine has another number of states', () => {
        const random = seededRandom(5);
        const before = randomMachine(random);
        const index = indexStates(before);
        const copied = { ...before, states: before.states.map(s => ({ ...s })) };
        expect(indexStates(copied, { index, states: before.states }).byName).not.toBe(index.byName);
        const longer = { ...before, states: [...before.states, endState('Extra')] };
        expect(indexStates(longer, { index, states: [...before.states, undefined] }).byName).not.toBe(index.byName);
        expect(indexStates(before, { index, states: before.states }).byName).toBe(index.byName);
    });
});
