/** Exit statuses of the contract. */
export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

/** Where a command writes, and what it reports back; injected so tests can run the CLI in process. */
export interface CliIo {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    stdoutIsTty: boolean;
    /** What `-` reads; absent when there is no standard input to read. */
    stdin?: AsyncIterable<Buffer | string>;
}

/** What each subcommand's action sets: the process exit status. */
export interface CommandOutcome {
    status: number;
}
