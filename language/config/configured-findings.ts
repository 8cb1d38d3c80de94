import type { LangiumDocument, ValidationCategory } from 'langium';
import { DIAGNOSTIC_CODES } from '../analysis/diagnostic-codes.js';
import type { Finding } from '../analysis/finding.js';
import type { ProtocolModel } from '../model/machine-model.js';
import { documentFindings } from '../pipeline/document-findings.js';
import { parsedText } from '../workspace/parsed-text.js';
import type { ProtocolAnalyzer } from '../pipeline/protocol-analyzer.js';
import { applyConfiguration } from './apply-config.js';
import type { RpcstateConfig } from './rpcstate-config.js';

/**
 * The one check (`documentFindings`) with the user's configuration and
 * suppression comments applied: what both the CLI and the language server
 * report.
 */
export function configuredFindings(document: LangiumDocument, analyzer: ProtocolAnalyzer, config: RpcstateConfig | undefined, categories?: readonly ValidationCategory[]): Finding[] {
    const findings = documentFindings(document, analyzer, categories);
    const wholeCheck = !categories || (categories.includes('built-in') && categories.includes('fast'));
    const parses = !findings.some(f => f.code === 'syntax');
    const deferredCodes = analyzer.runsComposition ? undefined : COMPOSITION_CODES;
    return applyConfiguration(findings, parsedText(document), config, { reportUnused: wholeCheck && parses, deferredCodes });
}

/**
 * The same for a text that parsed straight to a model, without a syntax error
 * (language/syntax/fast-parser/model-parser.ts): the analysis' findings, with
 * the configuration applied as for a whole check of a document that parses.
 */
export function configuredModelFindings(text: string, model: ProtocolModel, analyzer: ProtocolAnalyzer, config: RpcstateConfig | undefined): Finding[] {
    const deferredCodes = analyzer.runsComposition ? undefined : COMPOSITION_CODES;
    return applyConfiguration(analyzer.analyzeModel(model).findings, text, config, { reportUnused: true, deferredCodes });
}

/** The client × server check's codes: the language server reports them after validation (server/features/composition-diagnostics.ts). */
const COMPOSITION_CODES: ReadonlySet<string> = new Set([...DIAGNOSTIC_CODES.values()].filter(info => info.group === 'composition').map(info => info.code));
