import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { AstNode, ParseResult } from 'langium';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { FastRpcstateParser } from '../../language/syntax/fast-parser/fast-langium-parser.js';
import { syntheticProtocol } from '../../scripts/bench/synthetic-protocol.js';
import { parseSnapshot } from '../support/parse-snapshot.js';
import { HAS_SHARED, OWN_EXAMPLES, REPO_ROOT, SHARED_EXAMPLES } from '../support/paths.js';
import { FUZZ_TOKENS } from '../support/random-edit.js';
import { rpcstateFilesUnder } from '../support/rpcstate-files.js';
import { seededRandom } from '../support/seeded-random.js';

/**
 * The editor re-parses only the state an edit changed, or else only its
 * machine, reusing the rest of the previous tree
 * (language/syntax/fast-parser/state-reparse.ts, machine-reparse.ts). After
 * every edit of a long random session per file, the tree it gives must equal
 * a whole parse of the same text: AST, CST (offsets, ranges, grammar sources,
 * comments), errors. Edits land inside machines (where the re-parse applies)
 * and anywhere else, and include the fuzzer's tokens, so the sessions go
 * through broken states and back.
 */
const { Rpcstate } = createRpcstateServices(EmptyFileSystem);
const parser = Rpcstate.parser.LangiumParser as unknown as FastRpcstateParser;
const snapshot = (result: ParseResult) => ({ tree: parseSnapshot(result, Rpcstate.Grammar), parserErrors: result.parserErrors.map(e => e.message) });
const files = [...(HAS_SHARED ? rpcstateFilesUnder(SHARED_EXAMPLES) : []), ...rpcstateFilesUnder(OWN_EXAMPLES)];
const EDITS_PER_FILE = 80;
const machinesOf = (result: ParseResult) => (result.value as AstNode & { machines?: AstNode[] }).machines ?? [];
const statesOf = (machine: AstNode) => (machine as AstNode & { states?: AstNode[] }).states ?? [];

/** An edit mostly inside a machine: a token inserted, a few characters deleted, one character typed, or a state added before another. */
function randomEdit(random: () => number, text: string, result: ParseResult): string {
    const machines = (result.value as AstNode & { machines?: AstNode[] }).machines ?? [];
    const chosen = machines[Math.floor(random() * machines.length)];
    const machine = chosen?.$cstNode;
    const states = chosen ? statesOf(chosen) : [];
    const before = states[Math.floor(random() * states.length)]?.$cstNode;
    // Not inside one state (it ends before the state it precedes), but inside the machine.
    if (before && random() < 0.25) return text.slice(0, before.offset) + `end state Added${Math.floor(random() * 1000)}\n  ` + text.slice(before.offset);
    const inside = machine && random() < 0.9;
    const at = inside ? machine.offset + 1 + Math.floor(random() * Math.max(1, machine.length - 2)) : Math.floor(random() * (text.length + 1));
    const roll = random();
    if (roll < 0.3) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 4)));
    if (roll < 0.6) return text.slice(0, at) + 'abcxyz_0 \n'[Math.floor(random() * 10)] + text.slice(at);
    return text.slice(0, at) + FUZZ_TOKENS[Math.floor(random() * FUZZ_TOKENS.length)] + text.slice(at);
}

describe('re-parsing only the edited machine or state', () => {
    it('gives the same tree and errors as a whole parse after every edit of random sessions', () => {
        let reparsed = 0;
        let stateReparsed = 0;
        let edits = 0;
        const inputs = files.map(file => ({ name: relative(REPO_ROOT, file), text: readFileSync(file, 'utf8') }));
        inputs.push({ name: 'synthetic protocol of 200 states per machine', text: syntheticProtocol(200) });
        inputs.forEach(({ name, text: start }, index) => {
            const random = seededRandom(7_000 + index);
            let text = start;
            let previous = parser.parse(text);
            for (let i = 0; i < EDITS_PER_FILE; i++) {
                const next = randomEdit(random, text, previous);
                const whole = parser.parse(next);
                const statesBefore = new Set(machinesOf(previous).flatMap(statesOf));
                const incremental = parser.reparse(previous, next);
                edits++;
                if (incremental) {
                    reparsed++;
                    // A state re-parse gives a new machine that keeps states of the old one.
                    if (machinesOf(incremental).some(m => !statesBefore.has(m) && statesOf(m).some(state => statesBefore.has(state)))) stateReparsed++;
                    expect(snapshot(incremental), `${name}, edit ${i}`).toEqual(snapshot(whole));
                    previous = incremental;
                } else {
                    previous = whole;
                }
                text = next;
                // Now and then start again from the file, so that sessions do not drift into one long broken text.
                if (i % 4 === 3) {
                    text = start;
                    previous = parser.parse(text);
                }
            }
        });
        // Both paths must be well exercised for the comparison to mean something.
        expect(reparsed).toBeGreaterThan(edits / 5);
        expect(stateReparsed).toBeGreaterThan(edits / 10);
        expect(reparsed - stateReparsed).toBeGreaterThan(edits / 25);
        expect(edits - reparsed).toBeGreaterThan(edits / 10);
    });

    it('keeps the tree of an unchanged machine and gives a new protocol node', () => {
        const text = syntheticProtocol(40);
        const previous = parser.parse(text);
        const [client, server] = (previous.value as AstNode & { machines: AstNode[] }).machines;
        const at = text.indexOf('"Make call 3"') + 1;
        const result = parser.reparse(previous, text.slice(0, at) + 'x' + text.slice(at));
        expect(result).toBeDefined();
        const machines = (result!.value as AstNode & { machines: AstNode[] }).machines;
        expect(result!.value).not.toBe(previous.value);
        expect(machines[0]).not.toBe(client);
        expect(machines[1]).toBe(server);
    });

    it('keeps the other states of the edited machine and gives new machine and protocol nodes', () => {
        const text = syntheticProtocol(40);
        const previous = parser.parse(text);
        const [client, server] = machinesOf(previous);
        const states = statesOf(client).slice();
        const edited = states.findIndex(state => (state as AstNode & { name?: string }).name === 'W4');
        // A character in the description and a line break in the body: the states after it move down a line.
        const at = text.indexOf('"Wait for call 4"') + 1;
        const body = text.indexOf('{', at) + 1;
        const next = text.slice(0, at) + 'x' + text.slice(at, body) + '\n' + text.slice(body);
        const result = parser.reparse(previous, next);
        expect(result).toBeDefined();
        const [nextClient, nextServer] = machinesOf(result!);
        expect(nextClient).not.toBe(client);
        expect(nextServer).toBe(server);
        statesOf(nextClient).forEach((state, i) => {
            if (i === edited) expect(state).not.toBe(states[i]);
            else expect(state).toBe(states[i]);
            expect(state.$container).toBe(nextClient);
        });
        expect((statesOf(nextClient)[edited] as AstNode & { description?: string }).description).toBe('xWait for call 4');
        expect(snapshot(result!)).toEqual(snapshot(parser.parse(next)));
    });

    it('places comments typed first or last in a state\'s body where a whole parse places them', () => {
        const text = syntheticProtocol(20);
        const lastOfW1 = text.indexOf('on timeout -> W1') + 'on timeout -> W1'.length;
        for (const edit of [text.slice(0, lastOfW1) + ' // note' + text.slice(lastOfW1), text.replace('"Wait for call 1" {', '"Wait for call 1" { /* a */')]) {
            const previous = parser.parse(text);
            const kept = new Set(statesOf(machinesOf(previous)[0]));
            const result = parser.reparse(previous, edit);
            expect(result).toBeDefined();
            expect(statesOf(machinesOf(result!)[0]).filter(state => kept.has(state))).toHaveLength(kept.size - 1);
            expect(snapshot(result!)).toEqual(snapshot(parser.parse(edit)));
        }
    });

    /**
     * The nodes after an edit are moved lazily (movable-cst.ts): a move on
     * the states and machines after it, added up when a position is read.
     * A chain of re-parses with no whole parse between them stacks moves
     * (a state re-parsed inside a machine an earlier edit moved, a comment
     * between states, a cached composite range under a moved node); read
     * after every edit, or only at the end, the tree must be a whole parse's.
     */
    it('gives a whole parse\'s positions after a long chain of re-parses, read after every edit or only at the end', () => {
        const start = syntheticProtocol(24)
            .replace('  state W2 ', '  // between states\n  state W2 ')
            .replace('  state T3 ', '  /* between\n     states */ state T3 ') + '// after the machines\n';
        for (const readEveryEdit of [true, false]) {
            const random = seededRandom(readEveryEdit ? 11 : 12);
            let text = start;
            let previous = parser.parse(text);
            let stateReparses = 0;
            for (let i = 0; i < 60; i++) {
                const states = machinesOf(previous).flatMap(statesOf).filter(state => state.$cstNode!.length > 20);
                const state = states[Math.floor(random() * states.length)].$cstNode!;
                const roll = random();
                // Inside a state's body: lines added or removed, or one character typed; or a state added between two (a machine re-parse).
                const body = text.indexOf('{', state.offset) + 1;
                const next = roll < 0.3 ? text.slice(0, body) + '\n    // typed\n' + text.slice(body)
                    : roll < 0.5 && text.slice(body, body + 13) === '\n    // typed' ? text.slice(0, body) + text.slice(body + 13)
                    : roll < 0.85 ? text.slice(0, body) + ' ' + text.slice(body)
                    : text.slice(0, state.offset) + `end state Added${i}\n  ` + text.slice(state.offset);
                const statesBefore = new Set(machinesOf(previous).flatMap(statesOf));
                const result = parser.reparse(previous, next);
                expect(result, `edit ${i}`).toBeDefined();
                if (statesOf(machinesOf(result!)[0]).concat(statesOf(machinesOf(result!)[1])).filter(s => statesBefore.has(s)).length > 0) stateReparses++;
                if (readEveryEdit) expect(snapshot(result!), `edit ${i}`).toEqual(snapshot(parser.parse(next)));
                previous = result!;
                text = next;
            }
            expect(snapshot(previous)).toEqual(snapshot(parser.parse(text)));
            expect(stateReparses).toBeGreaterThan(30);
        }
    });

    it('parses the whole text when the previous parse had errors or the edit crosses machines', () => {
        const text = syntheticProtocol(20);
        const broken = parser.parse(text.replace('"Make call 1"', '"Make call 1'));
        expect(parser.reparse(broken, text)).toBeUndefined();
        const clean = parser.parse(text);
        const across = text.indexOf('}\n\nserver');
        expect(parser.reparse(clean, text.slice(0, across) + text.slice(across + 3))).toBeUndefined();
    });
});
