import { dirname } from 'node:path';
import type { RpcstateServices } from '../rpcstate-module.js';
import { specDocumentUri } from '../workspace/spec-document-uri.js';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CheckReport, FileReport } from './check-report.js';
import { summarize, toReportedDiagnostic } from './check-report.js';
import type { SourceFile } from '../files/input-files.js';
import { InputError, readSourceFile, readSourceStream, resolveInputPaths } from '../files/input-files.js';
import type { SkippedPath } from '../workspace/spec-files.js';
import { configuredFindings, configuredModelFindings } from '../config/configured-findings.js';
import { configuredParserKind } from '../syntax/fast-parser/fast-langium-parser.js';
import { rpcstateGrammarElements } from '../syntax/fast-parser/grammar-elements.js';
import { parseProtocolModel } from '../syntax/fast-parser/model-parser.js';
import { ConfigError } from '../config/rpcstate-config.js';
import { IgnoreRules } from '../workspace/ignore-rules.js';
import { compareCodes } from '../analysis/diagnostic-codes.js';

export interface LanguageServices {
    readonly shared: LangiumSharedServices;
    readonly Rpcstate: RpcstateServices;
}

/**
 * Checks source texts already in memory: the one code path behind `rpcstate
 * check`, `rpcstate generate` and the expect-comment runner. Each document is
 * parsed and its findings taken (syntax errors, then the analysis: the same
 * `documentFindings` the language server publishes), without the workspace
 * build: the checks resolve state names themselves, so this skips Langium's
 * indexing and linking, which only the editor features need.
 */
export async function checkSources(services: LanguageServices, sources: readonly SourceFile[], configErrors?: InputError[], options: CheckSourcesOptions = {}): Promise<CheckReport> {
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const analyzer = services.Rpcstate.analysis.ProtocolAnalyzer;
    const viaModel = options.viaModel ?? configuredParserKind() === 'fast';
    const grammar = viaModel ? rpcstateGrammarElements(services.Rpcstate.Grammar) : undefined;
    const configs = services.Rpcstate.config.ConfigResolver;
    const files: FileReport[] = [];
    for (const source of sources) {
        // The rpcstate.json above the file (or --config); a broken one is an input error when the caller collects them.
        let config;
        try {
            config = await configs.configFor(source.path);
        } catch (error) {
            if (!(error instanceof ConfigError) || !configErrors) throw error;
            configErrors.push(new InputError(error.message));
            continue;
        }
        // A text without syntax errors goes straight to the model; one with errors is parsed with recovery, as the editor does.
        const model = grammar && parseProtocolModel(source.text, grammar, services.Rpcstate.parser.LexerErrorMessageProvider);
        const findings = model
            ? configuredModelFindings(source.text, model, analyzer, config)
            : configuredFindings(factory.fromString(source.text, specDocumentUri(source.path)), analyzer, config);
        files.push({ path: source.path, diagnostics: findings.map(toReportedDiagnostic).sort(byPosition) });
    }
    return summarize(files);
}

export interface CheckSourcesOptions {
    /**
     * Parse a text straight to the plain model when it has no syntax error
     * (model-parser.ts), instead of building a Langium document. Default: yes,
     * unless RPCSTATE_PARSER=chevrotain; the reports are the same either way.
     */
    readonly viaModel?: boolean;
}

/** Where `-` reads from, and the name its diagnostics carry (`--stdin-filename`). */
export interface StdinSource {
    readonly name: string;
    readonly stream: AsyncIterable<Buffer | string>;
}

/** What reading the command line's paths gave: the texts, and what could not be read (collected, not thrown). */
export interface ReadInputs {
    readonly sources: SourceFile[];
    readonly inputErrors: InputError[];
    readonly skipped: SkippedPath[];
}

/** Reads files, folders, globs and `-`; unreadable inputs are collected, not thrown. */
export async function readPaths(services: LanguageServices, paths: readonly string[], stdin?: StdinSource): Promise<ReadInputs> {
    const selection = await resolveInputPaths(paths, await ignoreRulesFor(services));
    const errors = [...selection.errors];
    const sources: SourceFile[] = [];
    const read = async (load: () => Promise<SourceFile>) => {
        try {
            sources.push(await load());
        } catch (error) {
            if (error instanceof InputError) errors.push(error);
            else throw error;
        }
    };
    for (const file of selection.files) await read(() => readSourceFile(file));
    if (selection.stdin) {
        if (stdin) await read(() => readSourceStream(stdin.name, stdin.stream));
        else errors.push(new InputError('-: standard input cannot be read here'));
    }
    return { sources, inputErrors: errors, skipped: selection.skipped };
}

/** Checks what `readPaths` read; a broken rpcstate.json joins the input errors. */
export async function checkRead(services: LanguageServices, inputs: ReadInputs): Promise<{ report: CheckReport; inputErrors: InputError[]; skipped: SkippedPath[] }> {
    const errors = [...inputs.inputErrors];
    const report = await checkSources(services, inputs.sources, errors);
    return { report, inputErrors: [...new Map(errors.map(e => [e.message, e])).values()], skipped: inputs.skipped };
}

/** With an explicit configuration (--config), its `ignore` list is the one that applies; otherwise each folder's rpcstate.json adds its own. */
async function ignoreRulesFor(services: LanguageServices): Promise<IgnoreRules> {
    const configs = services.Rpcstate.config.ConfigResolver;
    if (configs.explicitFile === undefined) return new IgnoreRules();
    const rules = new IgnoreRules({ readConfigFiles: false });
    const config = await configs.configFor(configs.explicitFile);
    if (config) rules.addPatterns(dirname(config.path), config.ignore, config.path);
    return rules;
}

function byPosition(a: { line: number; column: number; code: string }, b: { line: number; column: number; code: string }): number {
    return a.line - b.line || a.column - b.column || compareCodes(a.code, b.code);
}
