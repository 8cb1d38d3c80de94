/**
 * In-process timings of each stage for one synthetic protocol: parse; link
 * (the editor's workspace build: indexing, scopes, linking); validate (what
 * `rpcstate check` runs after parsing); the analysis alone (model + checks),
 * which validate includes. Run in
 * a fresh process per size by scripts/bench.mjs; prints one JSON line.
 */
import { URI } from 'langium';
import { DocumentState } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { analyzeProtocol } from '../../language/analysis/analyze-protocol.js';
import type { Protocol } from '../../language/generated/ast.js';
import { buildProtocolModel } from '../../language/model/model-builder.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { syntheticProtocol } from './synthetic-protocol.js';

async function main(): Promise<void> {
    const n = Number(process.argv[2]);
    const text = syntheticProtocol(n);
    const { shared, Rpcstate } = createRpcstateServices(NodeFileSystem);
    const ms = (start: number) => Math.round((performance.now() - start) * 10) / 10;

    let t = performance.now();
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/bench/synthetic-${n}.rpcstate`));
    const parse = ms(t);
    shared.workspace.LangiumDocuments.addDocument(document);

    t = performance.now();
    await shared.workspace.DocumentBuilder.build([document], { validation: false });
    const link = ms(t);
    if (document.state < DocumentState.Linked) throw new Error('document not linked');

    // What `rpcstate check` runs after parsing: the document validator (syntax + analysis).
    t = performance.now();
    const diagnostics = await Rpcstate.validation.DocumentValidator.validateDocument(document);
    const validate = ms(t);

    // The analysis alone, as the validator runs it: model, then checks.
    const protocol = document.parseResult.value as Protocol;
    t = performance.now();
    const model = buildProtocolModel(protocol);
    const modelMs = ms(t);
    t = performance.now();
    const analysis = analyzeProtocol(model);
    const checksMs = ms(t);

    const states = model.machines.reduce((sum, m) => sum + m.states.length, 0);
    const transitions = model.machines.reduce((sum, m) => sum + m.states.reduce((s, st) => s + st.transitions.length, 0), 0);
    console.log(JSON.stringify({
        statesPerMachine: n, states, transitions, bytes: Buffer.byteLength(text),
        parseMs: parse, linkMs: link, validateMs: validate,
        analysisMs: Math.round((modelMs + checksMs) * 10) / 10, modelMs, checksMs,
        findings: analysis.findings.length, diagnostics: diagnostics.length,
        peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }));
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
