import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LangiumDocument } from 'langium';
import { EmptyFileSystem, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { describe, expect, it } from 'vitest';
import type { Protocol } from '../../language/generated/ast.js';
import type { ProtocolModel } from '../../language/model/machine-model.js';
import { buildProtocolModel } from '../../language/model/model-builder.js';
import { plainMachine, plainRange } from '../../language/model/plain-model.js';
import { checkSources } from '../../language/pipeline/check-files.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { rpcstateGrammarElements } from '../../language/syntax/fast-parser/grammar-elements.js';
import { parseProtocolModel } from '../../language/syntax/fast-parser/model-parser.js';
import { syntheticProtocol } from '../../scripts/bench/synthetic-protocol.js';
import { THREE_FINDINGS, withSuppressionAbove } from '../support/config-fixture.js';
import { PARSER_TEST_FILES, parserCorpus } from '../support/parser-corpus.js';

/**
 * The CLI's check parses a text without syntax errors straight to the model
 * (language/syntax/fast-parser/model-parser.ts) instead of building Langium's
 * AST and CST and a model from those. Both readings must agree: the same
 * model, ranges included, for every clean input; no model (so the document
 * path reports the errors) for every broken one; and the same report.
 */
const services = createRpcstateServices(EmptyFileSystem);
const grammar = rpcstateGrammarElements(services.Rpcstate.Grammar);
const messages = services.Rpcstate.parser.LexerErrorMessageProvider;

function documentOf(text: string): LangiumDocument<Protocol> {
    return services.shared.workspace.LangiumDocumentFactory.fromString<Protocol>(text, URI.file('/model-parser-test.rpcstate'));
}

/** Everything a model holds, as plain data: descriptions too, which plainMachine leaves out. */
function snapshot(model: ProtocolModel): unknown {
    return {
        name: model.name,
        nameRange: model.nameRange && plainRange(model.nameRange),
        description: model.description,
        machines: model.machines.map(machine => ({ ...plainMachine(machine), descriptions: machine.states.map(state => state.description) })),
    };
}

describe('parsing straight to the model', () => {
    const inputs = parserCorpus();

    it('gives the model the AST gives, ranges included, for every clean input, and nothing for every broken one', () => {
        let clean = 0;
        for (const input of inputs) {
            const { parseResult } = documentOf(input.text);
            const parses = parseResult.lexerErrors.length === 0 && parseResult.parserErrors.length === 0;
            const model = parseProtocolModel(input.text, grammar, messages);
            expect(model !== undefined, input.name).toBe(parses);
            if (!model) continue;
            clean++;
            expect(snapshot(model), input.name).toEqual(snapshot(buildProtocolModel(parseResult.value)));
        }
        // Both kinds must be there for the comparison to mean something.
        expect(clean).toBeGreaterThan(100);
        expect(inputs.length - clean).toBeGreaterThan(2_000);
    });

    it('reads a large protocol like the AST path', () => {
        const text = syntheticProtocol(2_000);
        const model = parseProtocolModel(text, grammar, messages);
        expect(model?.machines.map(m => m.states.length)).toEqual([2_001, 2_001]); // and End
        expect(snapshot(model!)).toEqual(snapshot(buildProtocolModel(documentOf(text).parseResult.value)));
    });
});

describe('the check of a file, through the model or through a document', () => {
    it('reports the same for every spec file', async () => {
        const cli = createRpcstateServices(NodeFileSystem);
        const sources = PARSER_TEST_FILES.map(path => ({ path, text: readFileSync(path, 'utf8') }));
        const viaModel = await checkSources(cli, sources, [], { viaModel: true });
        const viaDocument = await checkSources(cli, sources, [], { viaModel: false });
        expect(viaModel).toEqual(viaDocument);
        expect(viaModel.summary.errors).toBeGreaterThan(50);
    });

    it('applies a configuration and suppression comments alike', async () => {
        const folder = mkdtempSync(join(tmpdir(), 'rpcstate-model-parser-'));
        try {
            writeFileSync(join(folder, 'rpcstate.json'), JSON.stringify({ codes: { 'unreachable-state': 'off', 'unhandled-outcome': 'error' } }));
            const texts = [THREE_FINDINGS, withSuppressionAbove(15, '// rpcstate-ignore-next-line missing-completion -- tested'), withSuppressionAbove(9, '// rpcstate-ignore-next-line unknown-state -- tested')];
            const sources = texts.map((text, i) => ({ path: join(folder, `spec-${i}.rpcstate`), text }));
            const cli = createRpcstateServices(NodeFileSystem);
            const viaModel = await checkSources(cli, sources, [], { viaModel: true });
            expect(viaModel).toEqual(await checkSources(cli, sources, [], { viaModel: false }));
            // The configuration did apply: the warning became an error, the unreachable state is off, a suppression is unused.
            expect(viaModel.files[0].diagnostics.map(d => `${d.code}:${d.severity}`)).toEqual(['unhandled-outcome:error', 'missing-completion:error']);
            expect(viaModel.files[1].diagnostics.map(d => d.code)).toEqual(['unhandled-outcome']);
            expect(viaModel.files[2].diagnostics.map(d => d.code)).toContain('unused-suppression');
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });

    it('reports the same for every input of the parser corpus, clean or broken', async () => {
        const inputs = parserCorpus();
        const sources = inputs.map((input, i) => ({ path: `/corpus/${i}.rpcstate`, text: input.text }));
        const viaModel = await checkSources(services, sources, [], { viaModel: true });
        const viaDocument = await checkSources(services, sources, [], { viaModel: false });
        viaModel.files.forEach((file, i) => expect(file, inputs[i].name).toEqual(viaDocument.files[i]));
    });
});
