import type { LangiumDocument } from 'langium';
import type { CompositionReport } from '../analysis/composition/composition-report.js';
import { compositionReport } from '../analysis/composition/composition-report.js';
import type { Protocol } from '../generated/ast.js';
import type { ProtocolAnalyzer } from './protocol-analyzer.js';

/**
 * The client × server check of a parsed document as plain data (each
 * deadlock with its interleaving), from the analysis the diagnostics come
 * from; undefined when the analyzer runs without the composition (the
 * language server runs it on its own, server/features/composition-diagnostics.ts).
 */
export function documentComposition(document: LangiumDocument, analyzer: ProtocolAnalyzer): CompositionReport | undefined {
    const { model, analysis } = analyzer.analyze(document.parseResult.value as Protocol);
    return analysis.composition && compositionReport(analysis.composition, model);
}
