import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareExpectations, groupByLine, readExpectations } from '../support/expect-comments.js';
import { REPO_ROOT, SERVER_BUNDLE } from '../support/paths.js';
import { HASTY } from './session-fixtures.js';

/**
 * A real outside client: headless Neovim (Debian's 0.7.2) starts the bundled
 * server over stdio, opens a file with mistakes, and must receive exactly
 * the diagnostics its expect comments list. Skipped, with a message, where
 * nvim is not installed (`apt-get install -y neovim`; CI installs it).
 */
const NVIM = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const HAS_NVIM = NVIM.status === 0;
if (!HAS_NVIM) console.warn('[rpcstate tests] nvim is not installed: the Neovim client test is skipped (apt-get install -y neovim).');

const scratch = mkdtempSync(join(tmpdir(), 'rpcstate-nvim-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!HAS_NVIM)('Neovim as the language client', () => {
    it('receives the diagnostics of a broken file, with their codes, on the right lines', () => {
        expect(existsSync(SERVER_BUNDLE), 'npm run build first').toBe(true);
        const file = join(scratch, 'client-order.rpcstate');
        const out = join(scratch, 'report.json');
        writeFileSync(file, HASTY);
        for (const dir of ['config', 'data', 'state', 'cache']) mkdirSync(join(scratch, dir), { recursive: true });
        const result = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${join(REPO_ROOT, 'test/lsp-stdio/neovim-client.lua')}`], {
            encoding: 'utf8',
            timeout: 60_000,
            env: {
                ...process.env,
                XDG_CONFIG_HOME: join(scratch, 'config'), XDG_DATA_HOME: join(scratch, 'data'),
                XDG_STATE_HOME: join(scratch, 'state'), XDG_CACHE_HOME: join(scratch, 'cache'),
                RPCSTATE_NODE: process.execPath, RPCSTATE_SERVER: SERVER_BUNDLE, RPCSTATE_FILE: file, RPCSTATE_NVIM_OUT: out,
            },
        });
        expect(result.status, `nvim failed: ${result.stderr}`).toBe(0);
        const report = JSON.parse(readFileSync(out, 'utf8')) as { attached: boolean; arrived: boolean; diagnostics: Array<{ line: number; code: string; severity: number }>; in_buffer: number };
        expect(report.attached).toBe(true);
        expect(report.arrived).toBe(true);
        expect(compareExpectations(readExpectations(HASTY), groupByLine(report.diagnostics))).toEqual([]);
        expect(report.diagnostics.every(d => d.severity === 1)).toBe(true);
        expect(report.in_buffer).toBe(3);
    });
});
