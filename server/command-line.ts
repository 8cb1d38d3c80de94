import { VERSION } from '../language/version.js';

/** What `rpcstate-language-server --help` prints: the transports vscode-languageserver reads from the command line. */
export const SERVER_HELP = `Usage: rpcstate-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

The rpcstate language server (Language Server Protocol) for .rpcstate files.
An editor starts it; pick the transport the editor speaks (most use --stdio).

Options:
  --stdio          speak LSP over standard input and output
  --node-ipc       speak LSP over Node's IPC channel (VS Code)
  --socket=PORT    connect to a TCP port
  --pipe=NAME      connect to a named pipe
  -V, --version    print the version and exit
  -h, --help       print this help and exit
`;

const TRANSPORTS = /^--(stdio|node-ipc|socket|pipe)(=\S+)?$/;

/**
 * Answers `--version` and `--help` before any connection exists, and refuses
 * a command line without a transport in one line: vscode-languageserver
 * would throw a stack trace instead.
 */
export function answerCommandLine(argv: readonly string[]): { exitCode: number; stdout?: string; stderr?: string } | undefined {
    if (argv.includes('--version') || argv.includes('-V')) return { exitCode: 0, stdout: `${VERSION}\n` };
    if (argv.includes('--help') || argv.includes('-h')) return { exitCode: 0, stdout: SERVER_HELP };
    if (!argv.some(arg => TRANSPORTS.test(arg))) {
        return { exitCode: 2, stderr: 'rpcstate-language-server: no transport given; start it with --stdio (or --node-ipc, --socket=PORT, --pipe=NAME); --help lists them\n' };
    }
    return undefined;
}
