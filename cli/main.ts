import { Command, CommanderError, Option } from 'commander';
import { NodeFileSystem } from 'langium/node';
import { createRpcstateServices } from '../language/rpcstate-module.js';
import { checkPaths } from './check-files.js';
import { formatJson } from './formats/json-format.js';
import { formatSarif } from './formats/sarif-format.js';
import { formatText } from './formats/text-format.js';
import { VERSION } from './version.js';

/** Exit statuses of the contract. */
export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    stdoutIsTty: boolean;
}

/** Runs the CLI; returns the exit status instead of exiting, so tests can call it in process. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
    let status = EXIT_OK;
    const program = new Command('rpcstate')
        .description('Checks, diagrams and code for .rpcstate asynchronous RPC call-state machines')
        .version(VERSION)
        .exitOverride()
        .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(text) })
        .showSuggestionAfterError(true);

    program.command('check')
        .description('check .rpcstate files and folders; exit 0 when there is no error, 1 when there is one, 2 on bad input')
        .argument('<path...>', 'files, or folders searched for *.rpcstate')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
        .option('--no-color', 'never colour the text output')
        .action(async (paths: string[], options: { format: 'text' | 'json' | 'sarif'; color: boolean }) => {
            const services = createRpcstateServices(NodeFileSystem);
            const { report, inputErrors } = await checkPaths(services, paths);
            for (const error of inputErrors) io.stderr(`rpcstate: ${error.message}\n`);
            const useColor = options.color && io.stdoutIsTty && !process.env.NO_COLOR;
            io.stdout(options.format === 'json' ? formatJson(report) : options.format === 'sarif' ? formatSarif(report) : formatText(report, useColor));
            status = inputErrors.length > 0 ? EXIT_USAGE : report.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
        });

    try {
        await program.parseAsync([...argv], { from: 'user' });
    } catch (error) {
        if (error instanceof CommanderError) {
            // help and version are successful exits; anything else is bad usage.
            return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
        }
        throw error;
    }
    return status;
}

/** The process entry: never a stack trace for the user, always one line and a status. */
export async function main(): Promise<void> {
    const io: CliIo = {
        stdout: text => process.stdout.write(text),
        stderr: text => process.stderr.write(text),
        stdoutIsTty: process.stdout.isTTY === true,
    };
    try {
        process.exitCode = await runCli(process.argv.slice(2), io);
    } catch (error) {
        if (process.env.RPCSTATE_DEBUG) io.stderr(String((error as Error)?.stack)); io.stderr(`rpcstate: internal error: ${(error as Error)?.message ?? String(error)} (please report it with the input that caused it)\n`);
        process.exitCode = EXIT_USAGE;
    }
}
