import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { AstUtils } from 'langium';
import type { Protocol, RpcstateAstType } from '../generated/ast.js';
import { codeDescription, findingData, pathAsRelatedInformation } from './finding-diagnostics.js';
import type { ProtocolAnalyzer } from './protocol-analyzer.js';

/**
 * The adapter from the analysis to Langium's validation: one check on the
 * protocol runs the whole analysis and reports each finding where it says.
 * Nothing here decides what is wrong; that is the analysis' job.
 */
export class RpcstateValidator {
    constructor(private readonly analyzer: ProtocolAnalyzer) {}

    checkProtocol(protocol: Protocol, accept: ValidationAcceptor): void {
        const uri = AstUtils.getDocument(protocol).uri.toString();
        for (const finding of this.analyzer.analyze(protocol).analysis.findings) {
            accept(finding.severity, finding.message, {
                node: protocol,
                range: finding.range,
                code: finding.code,
                codeDescription: codeDescription(finding.code),
                relatedInformation: pathAsRelatedInformation(finding, uri),
                data: findingData(finding),
            });
        }
    }
}

export function validationChecks(validator: RpcstateValidator): ValidationChecks<RpcstateAstType> {
    return { Protocol: validator.checkProtocol.bind(validator) };
}
