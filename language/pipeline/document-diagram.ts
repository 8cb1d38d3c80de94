import type { LangiumDocument } from 'langium';
import type { Finding } from '../analysis/finding.js';
import type { DiagramModel } from '../diagram/diagram-model.js';
import { buildDiagramModel } from '../diagram/diagram-model.js';
import type { Protocol } from '../generated/ast.js';
import { documentFindings } from './document-findings.js';
import type { ProtocolAnalyzer } from './protocol-analyzer.js';

/**
 * The one way from a parsed document to its diagram, for the language
 * server's `rpcstate/diagram`, `rpcstate diagram` and the tests: the model and
 * analysis the diagnostics come from, with the syntax errors as the banner.
 * The findings come along, so a host can say how many errors it drew.
 */
export function documentDiagram(document: LangiumDocument, analyzer: ProtocolAnalyzer): { diagram: DiagramModel; findings: Finding[] } {
    const findings = documentFindings(document, analyzer);
    const { model, analysis } = analyzer.analyze(document.parseResult.value as Protocol);
    const syntaxErrors = findings.filter(f => f.code === 'syntax').map(f => ({ message: f.message, range: f.range }));
    return { diagram: buildDiagramModel(model, analysis, syntaxErrors), findings };
}
