import type { LangiumDocument, ValidationCategory } from 'langium';
import type { Finding } from '../analysis/finding.js';
import type { Protocol } from '../generated/ast.js';
import { syntaxFindings } from '../syntax/syntax-findings.js';
import type { ProtocolAnalyzer } from './protocol-analyzer.js';

/**
 * Everything wrong with one parsed document, as findings: the syntax errors
 * first (Langium's `built-in` validation category), then the analysis'
 * findings (`fast`). This is the one check: the language server turns these
 * into LSP diagnostics (validation/), the CLI into text, JSON or SARIF
 * (check-report.ts, then cli/formats/). Without categories, both.
 */
export function documentFindings(document: LangiumDocument, analyzer: ProtocolAnalyzer, categories?: readonly ValidationCategory[]): Finding[] {
    const wants = (category: ValidationCategory) => !categories || categories.includes(category);
    return [
        ...wants('built-in') ? syntaxFindings(document.parseResult) : [],
        ...wants('fast') ? analyzer.analyze(document.parseResult.value as Protocol).analysis.findings : [],
    ];
}
