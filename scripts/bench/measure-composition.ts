/**
 * In-process figures of the client × server check on a ladder pair (see
 * ladder-protocol.ts): the single-machine analysis alone, then the
 * composition alone, each from a collected heap, with the RSS each adds.
 * Usage: measure-composition N clean|waits. Prints one JSON line.
 */
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { analyzeProtocol } from '../../language/analysis/analyze-protocol.js';
import { analyzeComposition } from '../../language/analysis/composition/analyze-composition.js';
import type { Protocol } from '../../language/generated/ast.js';
import { buildProtocolModel } from '../../language/model/model-builder.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { ladderProtocol } from './ladder-protocol.js';

function main(): void {
    const n = Number(process.argv[2]);
    const variant = process.argv[3] === 'waits' ? 'waits' : 'clean';
    const { shared } = createRpcstateServices(NodeFileSystem);
    const document = shared.workspace.LangiumDocumentFactory.fromString(ladderProtocol(n, variant), URI.file(`/bench/ladder-${n}.rpcstate`));
    const collect = () => (globalThis as { gc?: () => void }).gc?.();
    const rssMiB = () => process.memoryUsage().rss / 1024 / 1024;
    const model = buildProtocolModel(document.parseResult.value as Protocol);

    collect();
    let t = performance.now();
    const single = analyzeProtocol(model, { composition: false });
    const singleMs = performance.now() - t;
    collect();
    const rssBefore = rssMiB();
    const peakBefore = process.resourceUsage().maxRSS / 1024;
    t = performance.now();
    const cpu = process.cpuUsage();
    const composition = analyzeComposition(model, single.findings);
    const compositionMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const peakAfter = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify({
        n, variant, status: composition.status, points: composition.points, steps: composition.steps,
        deadlocks: composition.deadlocks.length,
        singleMachineMs: Math.round(singleMs), compositionMs: Math.round(compositionMs), compositionCpuMs: Math.round((used.user + used.system) / 1000),
        nsPerPoint: Math.round(compositionMs * 1e6 / composition.points),
        rssBeforeMiB: Math.round(rssBefore), peakRssGrowthMiB: Math.round(Math.max(0, peakAfter - Math.max(peakBefore, rssBefore))),
        bytesPerPoint: Math.round(Math.max(0, peakAfter - Math.max(peakBefore, rssBefore)) * 1024 * 1024 / composition.points),
    }));
}

main();
