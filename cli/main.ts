import { Command, CommanderError } from 'commander';
import type { CliIo, CommandOutcome } from './cli-io.js';
import { EXIT_OK, EXIT_USAGE } from './cli-io.js';
import { registerCheckCommand } from './commands/check-command.js';
import { registerDiagramCommand } from './commands/diagram-command.js';
import { registerFormatCommand } from './commands/format-command.js';
import { registerGenerateCommand } from './commands/generate-command.js';
import { VERSION } from '../language/version.js';

export type { CliIo } from './cli-io.js';

/** Runs the CLI; returns the exit status instead of exiting, so tests can call it in process. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
    const outcome: CommandOutcome = { status: EXIT_OK };
    const program = new Command('rpcstate')
        .description('Checks, diagrams and code for .rpcstate asynchronous RPC call-state machines')
        .version(VERSION)
        .exitOverride()
        .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(text) })
        .showSuggestionAfterError(true);

    // One file per subcommand under cli/commands/.
    registerCheckCommand(program, io, outcome);
    registerDiagramCommand(program, io, outcome);
    registerGenerateCommand(program, io, outcome);
    registerFormatCommand(program, io, outcome);

    try {
        await program.parseAsync([...argv], { from: 'user' });
    } catch (error) {
        if (error instanceof CommanderError) {
            // help and version are successful exits; anything else is bad usage.
            return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
        }
        throw error;
    }
    return outcome.status;
}

/** The process entry: never a stack trace for the user, always one line and a status. */
export async function main(): Promise<void> {
    // `rpcstate check ... | head`: a reader that stops early is not an error.
    process.stdout.on('error', error => {
        if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw error;
    });
    const io: CliIo = {
        stdout: text => process.stdout.write(text),
        stderr: text => process.stderr.write(text),
        stdoutIsTty: process.stdout.isTTY === true,
        stdin: process.stdin,
    };
    try {
        process.exitCode = await runCli(process.argv.slice(2), io);
    } catch (error) {
        if (process.env.RPCSTATE_DEBUG) io.stderr(`${(error as Error)?.stack ?? String(error)}\n`);
        io.stderr(`rpcstate: internal error: ${(error as Error)?.message ?? String(error)} (please report it with the input that caused it; RPCSTATE_DEBUG=1 shows where)\n`);
        process.exitCode = EXIT_USAGE;
    }
}
