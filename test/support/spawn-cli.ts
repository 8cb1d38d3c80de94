import { spawnSync } from 'node:child_process';
import type { SpawnSyncOptions } from 'node:child_process';
import { CLI_BIN } from './paths.js';

/** Runs the built `rpcstate` command as a separate process, as users and CI do. */
export function spawnCli(args: string[], options: SpawnSyncOptions = {}): { status: number | null; stdout: string; stderr: string; ms: number } {
    const started = performance.now();
    const result = spawnSync(process.execPath, [CLI_BIN, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024, ...options });
    return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr), ms: performance.now() - started };
}
