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
 * The editor re-parses only the machine an edit changed, reusing the rest of
 * the previous tree (language/syntax/fast-parser/machine-reparse.ts). After
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

/** An edit mostly inside a machine: a token inserted, a few characters deleted, or one character typed. */
function randomEdit(random: () => number, text: string, result: ParseResult): string {
    const machines = (result.value as AstNode & { machines?: AstNode[] }).machines ?? [];
    const machine = machines[Math.floor(random() * machines.length)]?.$cstNode;
    const inside = machine && random() < 0.9;
    const at = inside ? machine.offset + 1 + Math.floor(random() * Math.max(1, machine.length - 2)) : Math.floor(random() * (text.length + 1));
    const roll = random();
    if (roll < 0.3) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 4)));
    if (roll < 0.6) return text.slice(0, at) + 'abcxyz_0 \n'[Math.floor(random() * 10)] + text.slice(at);
    return text.slice(0, at) + FUZZ_TOKENS[Math.floor(random() * FUZZ_TOKENS.length)] + text.slice(at);
}

describe('re-parsing only the edited machine', () => {
    it('gives the same tree and errors as a whole parse after every edit of random sessions', () => {
        let reparsed = 0;
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
                const incremental = parser.reparse(previous, next);
                edits++;
                if (incremental) {
                    reparsed++;
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

    it('parses the whole text when the previous parse had errors or the edit crosses machines', () => {
        const text = syntheticProtocol(20);
        const broken = parser.parse(text.replace('"Make call 1"', '"Make call 1'));
        expect(parser.reparse(broken, text)).toBeUndefined();
        const clean = parser.parse(text);
        const across = text.indexOf('}\n\nserver');
        expect(parser.reparse(clean, text.slice(0, across) + text.slice(across + 3))).toBeUndefined();
    });
});
