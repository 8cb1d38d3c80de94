import type { ProtocolAnalysis } from '../analysis/analyze-protocol.js';
import { analyzeProtocol } from '../analysis/analyze-protocol.js';
import type { Protocol } from '../generated/ast.js';
import type { ProtocolModel } from '../model/machine-model.js';
import { buildProtocolModel } from '../model/model-builder.js';

export interface AnalyzedProtocol {
    readonly model: ProtocolModel;
    readonly analysis: ProtocolAnalysis;
}

/**
 * Builds the model and runs the analysis once per parsed document: the
 * validator, hovers, inlay hints and the diagram all ask for the same result.
 * Keyed by the AST root, which a re-parse replaces, so entries never go stale.
 */
export class ProtocolAnalyzer {
    private readonly cache = new WeakMap<Protocol, AnalyzedProtocol>();

    analyze(protocol: Protocol): AnalyzedProtocol {
        let result = this.cache.get(protocol);
        if (!result) {
            const model = buildProtocolModel(protocol);
            result = { model, analysis: analyzeProtocol(model) };
            this.cache.set(protocol, result);
        }
        return result;
    }
}
