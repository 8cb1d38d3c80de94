import type { LangiumDocument } from 'langium';
import type { InlayHintProvider } from 'langium/lsp';
import type { CancellationToken, InlayHint, InlayHintParams } from 'vscode-languageserver';
import { InlayHintKind } from 'vscode-languageserver';
import type { Protocol } from '../../language/generated/ast.js';
import type { RpcstateServices } from '../../language/rpcstate-module.js';
import type { ProtocolAnalyzer } from '../../language/pipeline/protocol-analyzer.js';
import { CancellationCheckpoint } from './cancellation-checkpoint.js';
import { analyzedMachine } from './machine-analysis.js';
import { rangesOverlap } from '../../language/model/source-range.js';
import { nameRangeOf } from './name-ranges.js';
import { phaseList } from './phase-names.js';

/**
 * After each state's name, the phase(s) the call can be in on entering it
 * (`: outstanding | known complete`), from the analysis. Machines the path
 * checks skipped (structural or syntax errors) get none: a guess would
 * contradict the diagnostics.
 */
export class RpcstateInlayHintProvider implements InlayHintProvider {
    private readonly analyzer: ProtocolAnalyzer;

    constructor(services: RpcstateServices) {
        this.analyzer = services.analysis.ProtocolAnalyzer;
    }

    async getInlayHints(document: LangiumDocument, params: InlayHintParams, cancelToken?: CancellationToken): Promise<InlayHint[]> {
        const protocol = document.parseResult.value as Protocol;
        const hints: InlayHint[] = [];
        const checkpoint = new CancellationCheckpoint(cancelToken);
        for (const machine of protocol.machines ?? []) {
            const analyzed = analyzedMachine(this.analyzer, machine);
            if (!analyzed?.analysis.pathChecked) continue;
            for (const state of machine.states) {
                await checkpoint.tick();
                const nameRange = nameRangeOf(state);
                if (!nameRange || !rangesOverlap(nameRange, params.range)) continue;
                const phases = analyzed.analysis.phasesAt.get(state.name);
                const label = phaseList(phases ?? []);
                hints.push({
                    position: nameRange.end,
                    label: `: ${label ?? 'unreachable'}`,
                    kind: InlayHintKind.Type,
                    paddingLeft: false,
                    tooltip: label
                        ? `The phase(s) the call can be in on entering ${state.name}.`
                        : `No path from the initial state enters ${state.name}.`,
                });
            }
        }
        return hints;
    }
}
