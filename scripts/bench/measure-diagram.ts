/**
 * Diagram timings for one synthetic protocol of about N states in all
 * (N/2 per machine): the diagram model (documentDiagram, as the hosts call
 * it, once the document is analysed), the ELK layout, the SVG rendering
 * (cold: the first in a fresh process), and then what the live view waits
 * for after an edit, in the same process: re-parse, analysis, diagram model,
 * layout and SVG for a one-character change (median of 5 edits; the
 * webview's 200 ms debounce and its paint are not included).
 * Run in a fresh process per size by scripts/bench.mjs; prints one JSON line.
 */
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { layoutDiagram } from '../../language/diagram/elk-layout.js';
import { renderDiagramSvg } from '../../language/diagram/svg-renderer.js';
import type { Protocol } from '../../language/generated/ast.js';
import { documentDiagram } from '../../language/pipeline/document-diagram.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { syntheticProtocol } from './synthetic-protocol.js';

async function main(): Promise<void> {
    const total = Number(process.argv[2]);
    const text = syntheticProtocol(Math.max(4, Math.round(total / 2)));
    const { shared, Rpcstate } = createRpcstateServices(NodeFileSystem);
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/bench/diagram-${total}.rpcstate`));
    const analyzer = Rpcstate.analysis.ProtocolAnalyzer;
    analyzer.analyze(document.parseResult.value as Protocol);
    const ms = (start: number) => Math.round((performance.now() - start) * 10) / 10;

    let t = performance.now();
    const { diagram } = documentDiagram(document, analyzer);
    const modelMs = ms(t);
    t = performance.now();
    const layout = await layoutDiagram(diagram);
    const layoutMs = ms(t);
    t = performance.now();
    const svg = renderDiagramSvg(diagram, layout);
    const renderMs = ms(t);

    const updates: number[] = [];
    for (let i = 0; i < 5; i++) {
        // One character of a description changes, as when typing.
        const edited = text.replace('"Make call 0"', `"Make call 0${i}"`);
        t = performance.now();
        const again = shared.workspace.LangiumDocumentFactory.fromString(edited, URI.file(`/bench/diagram-${total}-${i}.rpcstate`));
        const updatedDiagram = documentDiagram(again, analyzer).diagram;
        renderDiagramSvg(updatedDiagram, await layoutDiagram(updatedDiagram));
        updates.push(performance.now() - t);
    }
    const updateAfterEditMs = Math.round(updates.sort((a, b) => a - b)[2] * 10) / 10;

    console.log(JSON.stringify({
        states: diagram.machines.reduce((n, m) => n + m.states.length, 0),
        transitions: diagram.machines.reduce((n, m) => n + m.transitions.length, 0),
        modelMs, layoutMs, renderMs,
        layoutAndRenderMs: Math.round((layoutMs + renderMs) * 10) / 10,
        updateAfterEditMs,
        svgKiB: Math.round(Buffer.byteLength(svg) / 1024),
        peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }));
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
