import type { ArtifactLocation, CodeFlow, Log, ReportingDescriptor, Result, ThreadFlow, ThreadFlowLocation } from 'sarif';
import { codeDocumentationUrl, DIAGNOSTIC_CODES } from '../../language/analysis/diagnostic-codes.js';
import type { CheckReport, ReportedDiagnostic, ReportedStep } from '../../language/pipeline/check-report.js';
import { VERSION } from '../../language/version.js';
import { SarifLocations } from './sarif-locations.js';

const RULES: ReportingDescriptor[] = [...DIAGNOSTIC_CODES.values()].map(info => ({
    id: info.code,
    name: info.code.replace(/(^|-)([a-z])/g, (_m, _dash, letter: string) => letter.toUpperCase()),
    shortDescription: { text: info.summary },
    fullDescription: { text: `${info.summary} (${info.group} check)` },
    helpUri: codeDocumentationUrl(info.code),
    help: { text: `See ${codeDocumentationUrl(info.code)} for a wrong and a fixed example.` },
    defaultConfiguration: { level: sarifLevel(info.severity) },
    properties: { tags: [info.group] },
}));
const RULE_INDEX = new Map(RULES.map((rule, i) => [rule.id, i]));

/**
 * SARIF 2.1.0, one run, with every code as a rule and each offending path as
 * a code flow. URIs are relative to `base` (`%SRCROOT%`, recorded in
 * `originalUriBaseIds`), so code scanning finds the files in the repository.
 */
export function formatSarif(report: CheckReport, base: string): string {
    const locations = new SarifLocations(base);
    const results: Result[] = [];
    for (const file of report.files) {
        const artifact = locations.artifactLocation(file.path);
        for (const d of file.diagnostics) results.push(toResult(artifact, d));
    }
    const log: Log = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'rpcstate',
                    version: VERSION,
                    informationUri: 'https://github.com/rpcstate/rpcstate',
                    rules: RULES,
                },
            },
            originalUriBaseIds: locations.originalUriBaseIds(),
            artifacts: report.files.map(file => ({ location: locations.artifactLocation(file.path), mimeType: 'text/plain' })),
            results,
        }],
    };
    return JSON.stringify(log, null, 2) + '\n';
}

function toResult(artifactLocation: ArtifactLocation, d: ReportedDiagnostic): Result {
    const region = { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn };
    const result: Result = {
        ruleId: d.code,
        level: sarifLevel(d.severity),
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation, region } }],
    };
    const index = RULE_INDEX.get(d.code);
    if (index !== undefined) result.ruleIndex = index;
    if (d.related.length > 0) {
        result.codeFlows = [codeFlow(artifactLocation, d.related)];
        result.relatedLocations = d.related.map((step, i) => ({
            id: i + 1,
            physicalLocation: { artifactLocation, region: { startLine: step.line, startColumn: step.column } },
            message: { text: step.message },
        }));
    }
    return result;
}

/**
 * The offending path as one code flow: one thread flow for a one-machine
 * path; for a client × server interleaving, one thread flow per machine
 * (its `id` is the machine's name), every step numbered by `executionOrder`
 * in interleaving order.
 */
function codeFlow(artifactLocation: ArtifactLocation, related: readonly ReportedStep[]): CodeFlow {
    const location = (step: ReportedStep, order?: number): ThreadFlowLocation => ({
        location: {
            physicalLocation: { artifactLocation, region: { startLine: step.line, startColumn: step.column } },
            message: { text: step.message },
        },
        ...(order !== undefined ? { executionOrder: order } : {}),
    });
    if (!related.some(step => step.machine !== undefined)) {
        return { message: { text: 'A shortest offending path' }, threadFlows: [{ locations: related.map(step => location(step)) }] };
    }
    const threads = new Map<string, ThreadFlowLocation[]>();
    related.forEach((step, i) => {
        const machine = step.machine ?? related.find(s => s.machine !== undefined)!.machine!;
        if (!threads.has(machine)) threads.set(machine, []);
        threads.get(machine)!.push(location(step, i + 1));
    });
    const threadFlows: ThreadFlow[] = [...threads].map(([machine, locations]) => ({ id: machine, message: { text: machine }, locations }));
    return { message: { text: 'A shortest interleaving of client and server' }, threadFlows };
}

function sarifLevel(severity: string): 'error' | 'warning' | 'note' {
    return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}
