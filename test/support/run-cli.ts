import { runCli } from '../../cli/main.js';

/** Runs the CLI in process, exactly as `rpcstate ARGS` would, and captures what it prints. */
export async function runCliInProcess(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const status = await runCli(args, { stdout: text => { stdout += text; }, stderr: text => { stderr += text; }, stdoutIsTty: false });
    return { status, stdout, stderr };
}
