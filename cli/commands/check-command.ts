import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { statSync } from 'node:fs';
import { NodeFileSystem } from 'langium/node';
import { COMPOSITION_BUDGET } from '../../language/analysis/composition/analyze-composition.js';
import { analysisOptionsModule, createRpcstateServices } from '../../language/rpcstate-module.js';
import { checkRead, readPaths } from '../../language/pipeline/check-files.js';
import type { CheckReport } from '../../language/pipeline/check-report.js';
import { summarize } from '../../language/pipeline/check-report.js';
import type { CliIo, CommandOutcome } from '../cli-io.js';
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE } from '../cli-io.js';
import { formatJson } from '../formats/json-format.js';
import { formatSarif } from '../formats/sarif-format.js';
import { repositoryRoot } from '../formats/sarif-locations.js';
import { formatText } from '../formats/text-format.js';
import { fixBeforeCheck, formatAppliedFixes } from './check-fix.js';
import { STDIN_ARGUMENT } from '../../language/files/input-files.js';
import { groupedDigits } from '../../language/analysis/grouped-digits.js';

interface CheckOptions {
    format: 'text' | 'json' | 'sarif';
    color: boolean;
    sarifBase?: string;
    maxWarnings?: number;
    quiet?: boolean;
    stdinFilename?: string;
    compositionBudget?: number;
    config?: string;
    fix?: boolean;
}

/** `rpcstate check PATH... [--format text|json|sarif]` (language.md, "Command line"), with the options CI needs. */
export function registerCheckCommand(program: Command, io: CliIo, outcome: CommandOutcome): void {
    program.command('check')
        .description('check .rpcstate files and folders; exit 0 when there is no error, 1 when there is one, 2 on bad input')
        .argument('<path...>', 'files, folders searched for *.rpcstate, globs (quote them: \'specs/**/*.rpcstate\'), or - for standard input')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
        .option('--no-color', 'never colour the text output')
        .option('--max-warnings <n>', 'exit 1 also when there are more than n warnings', parseCount)
        .option('--quiet', 'report errors only (warnings still count for --max-warnings); no notes about skipped paths')
        .option('--stdin-filename <path>', 'the name diagnostics give standard input (read with -)')
        .option('--config <file>', 'use this rpcstate.json for every file, instead of the nearest one above each file')
        .option('--fix', 'first apply the quick fixes that are safe unattended (a typo with one near name, an unused suppression), writing only changed files, atomically; then report what is left')
        .option('--sarif-base <dir>', 'SARIF URIs are relative to this folder (%SRCROOT%); default: the repository root (nearest folder with .git upward), else the current folder')
        .addOption(new Option('--composition-budget <points>', `the most joint points the client × server check explores (default ${groupedDigits(COMPOSITION_BUDGET)})`).argParser(positiveInteger))
        .action(async (paths: string[], options: CheckOptions) => {
            const usage = usageProblem(paths, options);
            if (usage) {
                io.stderr(`rpcstate: ${usage}\n`);
                outcome.status = EXIT_USAGE;
                return;
            }
            const services = createRpcstateServices(NodeFileSystem, analysisOptionsModule({ compositionBudget: options.compositionBudget }));
            if (options.config !== undefined) {
                const configs = services.Rpcstate.config.ConfigResolver;
                configs.setExplicitFile(options.config);
                const problem = await configs.configFor(options.config).then(() => undefined, (error: Error) => error.message);
                if (problem) {
                    io.stderr(`rpcstate: --config ${problem}\n`);
                    outcome.status = EXIT_USAGE;
                    return;
                }
            }
            const stdin = io.stdin ? { name: options.stdinFilename ?? '<stdin>', stream: io.stdin } : undefined;
            const inputs = await readPaths(services, paths, stdin);
            const fixing = options.fix ? await fixBeforeCheck(services, inputs, io, options.quiet === true) : undefined;
            const { report, inputErrors, skipped } = await checkRead(services, fixing?.inputs ?? inputs);
            if (!options.quiet) for (const { path, reason } of skipped) io.stderr(`rpcstate: note: skipped ${path}: ${reason}\n`);
            for (const error of inputErrors) io.stderr(`rpcstate: ${error.message}\n`);
            const shown = options.quiet ? errorsOnly(report) : report;
            const useColor = options.color && io.stdoutIsTty && !process.env.NO_COLOR;
            // When bad input left nothing to check, the error lines are the whole answer: no "0 files checked" beside them.
            const stopped = inputErrors.length > 0 && report.files.length === 0;
            // The applied fixes: inside the JSON object; beside SARIF on stderr (stdout stays one SARIF log); before the text report.
            if (options.format === 'json') io.stdout(formatJson(shown, fixing?.applied));
            else if (options.format === 'sarif') {
                if (fixing) io.stderr(formatAppliedFixes(fixing.applied));
                io.stdout(formatSarif(shown, options.sarifBase ?? repositoryRoot(process.cwd())));
            } else if (!stopped) io.stdout((fixing ? formatAppliedFixes(fixing.applied) : '') + formatText(shown, useColor));
            const { errors, warnings } = report.summary;
            const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
            if (tooManyWarnings && errors === 0 && inputErrors.length === 0) {
                io.stderr(`rpcstate: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings} allows\n`);
            }
            outcome.status = inputErrors.length > 0 ? EXIT_USAGE : errors > 0 || tooManyWarnings ? EXIT_ERRORS : EXIT_OK;
        });
}

/** Options that cannot work together, found before anything is read. */
function usageProblem(paths: readonly string[], options: CheckOptions): string | undefined {
    if (options.sarifBase !== undefined && !isFolder(options.sarifBase)) {
        return `--sarif-base ${options.sarifBase}: not a folder`;
    }
    if (options.stdinFilename !== undefined && !paths.includes(STDIN_ARGUMENT)) return '--stdin-filename names standard input: give - among the paths';
    if (paths.filter(path => path === STDIN_ARGUMENT).length > 1) return 'standard input (-) can be read only once';
    if (options.fix && paths.includes(STDIN_ARGUMENT)) return '--fix writes the files it fixes: it cannot fix standard input (-)';
    return undefined;
}

function parseCount(value: string): number {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError('a whole number of warnings, 0 or more');
    return Number(value);
}

function errorsOnly(report: CheckReport): CheckReport {
    return summarize(report.files.map(file => ({ ...file, diagnostics: file.diagnostics.filter(d => d.severity === 'error') })));
}

function positiveInteger(text: string): number {
    const value = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) throw new InvalidArgumentError('expected a positive whole number of joint points.');
    return value;
}

function isFolder(path: string): boolean {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}
