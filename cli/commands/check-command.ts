import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { statSync } from 'node:fs';
import { NodeFileSystem } from 'langium/node';
import { COMPOSITION_BUDGET } from '../../language/analysis/composition/analyze-composition.js';
import { analysisOptionsModule, createRpcstateServices } from '../../language/rpcstate-module.js';
import { checkPaths } from '../../language/pipeline/check-files.js';
import type { CliIo, CommandOutcome } from '../cli-io.js';
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE } from '../cli-io.js';
import { formatJson } from '../formats/json-format.js';
import { formatSarif } from '../formats/sarif-format.js';
import { repositoryRoot } from '../formats/sarif-locations.js';
import { formatText } from '../formats/text-format.js';

/** `rpcstate check PATH... [--format text|json|sarif]` (language.md, "Command line"). */
export function registerCheckCommand(program: Command, io: CliIo, outcome: CommandOutcome): void {
    program.command('check')
        .description('check .rpcstate files and folders; exit 0 when there is no error, 1 when there is one, 2 on bad input')
        .argument('<path...>', 'files, or folders searched for *.rpcstate')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
        .option('--no-color', 'never colour the text output')
        .option('--sarif-base <dir>', 'SARIF URIs are relative to this folder (%SRCROOT%); default: the repository root (nearest folder with .git upward), else the current folder')
        .addOption(new Option('--composition-budget <points>', `the most joint points the client × server check explores (default ${COMPOSITION_BUDGET.toLocaleString('en-US')})`).argParser(positiveInteger))
        .action(async (paths: string[], options: { format: 'text' | 'json' | 'sarif'; color: boolean; sarifBase?: string; compositionBudget?: number }) => {
            const sarifBase = options.sarifBase ?? repositoryRoot(process.cwd());
            if (options.sarifBase !== undefined && !isFolder(options.sarifBase)) {
                io.stderr(`rpcstate: --sarif-base ${options.sarifBase}: not a folder\n`);
                outcome.status = EXIT_USAGE;
                return;
            }
            const services = createRpcstateServices(NodeFileSystem, analysisOptionsModule({ compositionBudget: options.compositionBudget }));
            const { report, inputErrors } = await checkPaths(services, paths);
            for (const error of inputErrors) io.stderr(`rpcstate: ${error.message}\n`);
            const useColor = options.color && io.stdoutIsTty && !process.env.NO_COLOR;
            // When bad input left nothing to check, the error lines are the whole answer: no "0 files checked" beside them.
            const stopped = inputErrors.length > 0 && report.files.length === 0;
            if (options.format === 'json') io.stdout(formatJson(report));
            else if (options.format === 'sarif') io.stdout(formatSarif(report, sarifBase));
            else if (!stopped) io.stdout(formatText(report, useColor));
            outcome.status = inputErrors.length > 0 ? EXIT_USAGE : report.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
        });
}

function positiveInteger(text: string): number {
    const value = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) throw new InvalidArgumentError('expected a positive whole number of joint points.');
    return value;
}

function isFolder(path: string): boolean {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}
