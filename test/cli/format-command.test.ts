import { chmodSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED, OWN_EXAMPLES, SHARED_EXAMPLES } from '../support/paths.js';
import { spawnCli } from '../support/spawn-cli.js';

const MESSY = 'protocol P\nclient C {\ninitial state A {\n call\n    on success -> W\n on exception -> End\n  }\n state W { await RpcCallComplete -> Comp }\n  state Comp { invoke RpcAsyncCompleteCall -> End }\n  end state End\n}\n';
const LAID_OUT = 'protocol P\n\nclient C {\n  initial state A {\n    call\n    on success   -> W\n    on exception -> End\n  }\n\n  state W {\n    await RpcCallComplete\n    -> Comp\n  }\n\n  state Comp {\n    invoke RpcAsyncCompleteCall\n    -> End\n  }\n\n  end state End\n}\n';
const BROKEN = 'protocol P\nclient C {\n  initial state A {\n';

let dir: string;
beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rpcstate-format-'));
    writeFileSync(join(dir, 'messy.rpcstate'), MESSY);
    writeFileSync(join(dir, 'clean.rpcstate'), LAID_OUT);
    writeFileSync(join(dir, 'broken.rpcstate'), BROKEN);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rpcstate format', () => {
    it('--check writes nothing, names what would change and what has syntax errors, and exits 1', () => {
        const result = spawnCli(['format', '--check', dir]);
        expect(result.status).toBe(1);
        expect(result.stdout).toContain(`${join(dir, 'messy.rpcstate')}: would change`);
        expect(result.stdout).toContain(`${join(dir, 'broken.rpcstate')}: not formatted: it has syntax errors`);
        expect(result.stdout).not.toContain('clean.rpcstate');
        expect(readFileSync(join(dir, 'messy.rpcstate'), 'utf8')).toBe(MESSY);
    });

    it('rewrites only the file that changes, to the layout of the examples; a second run changes nothing', () => {
        const cleanBefore = statSync(join(dir, 'clean.rpcstate')).mtimeMs;
        const result = spawnCli(['format', join(dir, 'messy.rpcstate'), join(dir, 'clean.rpcstate')]);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain('2 files: 1 formatted, 1 unchanged');
        expect(readFileSync(join(dir, 'messy.rpcstate'), 'utf8')).toBe(LAID_OUT);
        expect(statSync(join(dir, 'clean.rpcstate')).mtimeMs).toBe(cleanBefore);
        const again = spawnCli(['format', '--check', join(dir, 'messy.rpcstate')]);
        expect(again.status).toBe(0);
        expect(readFileSync(join(dir, 'broken.rpcstate'), 'utf8')).toBe(BROKEN);
    });

    it('changes nothing but the text: writes through a link (which stays), keeps permissions and the byte-order mark', () => {
        writeFileSync(join(dir, 'target.txt'), MESSY);
        chmodSync(join(dir, 'target.txt'), 0o600);
        symlinkSync('target.txt', join(dir, 'linked.rpcstate'));
        writeFileSync(join(dir, 'marked.rpcstate'), `\uFEFF${MESSY}`);
        const result = spawnCli(['format', join(dir, 'linked.rpcstate'), join(dir, 'marked.rpcstate')]);
        expect(result.stdout).toContain('2 files: 2 formatted');
        expect(lstatSync(join(dir, 'linked.rpcstate')).isSymbolicLink()).toBe(true);
        expect(readFileSync(join(dir, 'target.txt'), 'utf8')).toBe(LAID_OUT);
        expect(statSync(join(dir, 'target.txt')).mode & 0o777).toBe(0o600);
        expect(readFileSync(join(dir, 'marked.rpcstate'), 'utf8')).toBe(`\uFEFF${LAID_OUT}`);
    });

    it('agrees with the editor formatter: every example it leaves unchanged is already laid out', () => {
        const result = spawnCli(['format', '--check', OWN_EXAMPLES, ...(HAS_SHARED ? [SHARED_EXAMPLES] : [])]);
        expect(result.stdout).toMatch(/: 0 would change, \d+ unchanged\n$/);
        expect(result.status).toBe(0);
    });

    it('refuses bad input with one line and exit 2', () => {
        const missing = spawnCli(['format', join(dir, 'nope.rpcstate')]);
        expect(missing.status).toBe(2);
        expect(missing.stderr.trim().split('\n')).toHaveLength(1);
        const stdin = spawnCli(['format', '-']);
        expect(stdin.status).toBe(2);
    });
});
