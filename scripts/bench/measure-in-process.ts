/**
 * In-process timings of each stage for one synthetic protocol: the CLI's
 * path for a text without syntax errors (text straight to the model, then
 * the checks); the editor's: parse;
 * validate (what `rpcstate check` runs after parsing); the analysis alone
 * (model + checks), which validate includes; link (the editor's workspace
 * build, then every state reference resolved). Run in
 * a fresh process per size by scripts/bench.mjs; prints one JSON line.
 */
import { AstUtils, DocumentState, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { analyzeProtocol } from '../../language/analysis/analyze-protocol.js';
import type { Protocol } from '../../language/generated/ast.js';
import { isTransition } from '../../language/generated/ast.js';
import { buildProtocolModel } from '../../language/model/model-builder.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { rpcstateGrammarElements } from '../../language/syntax/fast-parser/grammar-elements.js';
import { parseProtocolModel } from '../../language/syntax/fast-parser/model-parser.js';
import { syntheticProtocol } from './synthetic-protocol.js';

async function main(): Promise<void> {
    const n = Number(process.argv[2]);
    const text = syntheticProtocol(n);
    const { shared, Rpcstate } = createRpcstateServices(NodeFileSystem);
    const ms = (start: number) => Math.round((performance.now() - start) * 10) / 10;

    // Each stage starts from a collected heap, so none is charged for the garbage of the one before.
    const collect = () => (globalThis as { gc?: () => void }).gc?.();

    // The CLI's path: text → model (language/syntax/fast-parser/model-parser.ts), then the checks.
    collect();
    let t = performance.now();
    const parsed = parseProtocolModel(text, rpcstateGrammarElements(Rpcstate.Grammar), Rpcstate.parser.LexerErrorMessageProvider);
    const parseToModel = ms(t);
    if (!parsed) throw new Error('the synthetic protocol has a syntax error');
    t = performance.now();
    const cliFindings = analyzeProtocol(parsed).findings.length;
    const cliChecks = ms(t);

    collect();
    t = performance.now();
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/bench/synthetic-${n}.rpcstate`));
    const parse = ms(t);

    // What `rpcstate check` runs after parsing: the document validator (syntax + analysis).
    collect();
    t = performance.now();
    const diagnostics = await Rpcstate.validation.DocumentValidator.validateDocument(document);
    const validate = ms(t);

    // The analysis alone, as the validator runs it: model, then checks.
    const protocol = document.parseResult.value as Protocol;
    collect();
    t = performance.now();
    const model = buildProtocolModel(protocol);
    const modelMs = ms(t);
    t = performance.now();
    const analysis = analyzeProtocol(model);
    const checksMs = ms(t);

    // The editor's workspace build, then every state reference resolved (the
    // server links lazily; resolving all of them shows the per-machine map
    // scope keeps linking linear).
    shared.workspace.LangiumDocuments.addDocument(document);
    collect();
    t = performance.now();
    await shared.workspace.DocumentBuilder.build([document], { validation: false });
    let resolved = 0;
    for (const node of AstUtils.streamAst(protocol)) {
        if (isTransition(node) && node.target.ref) resolved++;
    }
    const link = ms(t);
    if (document.state < DocumentState.Linked) throw new Error('document not linked');

    const states = model.machines.reduce((sum, m) => sum + m.states.length, 0);
    const transitions = model.machines.reduce((sum, m) => sum + m.states.reduce((s, st) => s + st.transitions.length, 0), 0);
    console.log(JSON.stringify({
        statesPerMachine: n, states, transitions, bytes: Buffer.byteLength(text),
        parseToModelMs: parseToModel, modelChecksMs: cliChecks, cliFindings,
        parseMs: parse, linkMs: link, validateMs: validate,
        analysisMs: Math.round((modelMs + checksMs) * 10) / 10, modelMs, checksMs,
        findings: analysis.findings.length, diagnostics: diagnostics.length, resolvedReferences: resolved,
        peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }));
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
