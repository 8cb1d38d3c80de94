import { readFileSync } from 'node:fs';
import { EmptyFileSystem, GrammarUtils } from 'langium';
import type { CstNode } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { Protocol } from '../../language/generated/ast.js';
import { buildProtocolModel } from '../../language/model/model-builder.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { mutate } from '../fuzz/mutations.js';
import { OWN_CASES, OWN_EXAMPLES } from '../support/paths.js';
import { rpcstateFilesUnder } from '../support/rpcstate-files.js';

/**
 * The model builder finds name ranges with its own first-match CST search
 * (no arrays per node); it must agree with Langium's findNodeForProperty on
 * every machine and state, in good files and in broken ones.
 */
const { Rpcstate } = createRpcstateServices(EmptyFileSystem);
const parse = parseHelper<Protocol>(Rpcstate);
const files = [...rpcstateFilesUnder(OWN_EXAMPLES), ...rpcstateFilesUnder(OWN_CASES)];
const texts = [
    ...files.map(file => ({ name: file, text: readFileSync(file, 'utf8') })),
    ...mutate(readFileSync(files[0], 'utf8'), 40, 11).map((m, i) => ({ name: `mutation ${i}`, text: m.text })),
];

const rangeOf = (cst: CstNode | undefined) => cst?.range;

describe('name ranges of the model', () => {
    it.each(texts)('match findNodeForProperty: $name', async ({ text }) => {
        const protocol = (await parse(text)).parseResult.value;
        const model = buildProtocolModel(protocol);
        protocol.machines.forEach((machine, m) => {
            expect(model.machines[m].nameRange).toEqual(rangeOf(GrammarUtils.findNodeForProperty(machine.$cstNode, 'name') ?? machine.$cstNode));
            machine.states.forEach((state, s) => {
                expect(model.machines[m].states[s].nameRange).toEqual(rangeOf(GrammarUtils.findNodeForProperty(state.$cstNode, 'name') ?? state.$cstNode));
            });
        });
    });
});
