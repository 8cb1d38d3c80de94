import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../language/pipeline/check-report.js';
import { OWN_EXAMPLES, REPO_ROOT } from '../support/paths.js';
import { spawnCli } from '../support/spawn-cli.js';

let dir: string;
beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rpcstate-bad-input-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const report = (stdout: string) => JSON.parse(stdout) as CheckReport;

describe('rpcstate check: a file given by name is checked as a spec, whatever its name', () => {
    it.each(['spec.txt', 'spec', 'spec.rpcstate.bak'])('a clean spec saved as %s is clean (exit 0)', name => {
        const path = join(dir, name);
        copyFileSync(join(OWN_EXAMPLES, 'pipe-upload.rpcstate'), path);
        const result = spawnCli(['check', path]);
        expect(result.stderr).toBe('');
        expect(result.stdout).toBe('1 file checked: 0 errors, 0 warnings\n');
        expect(result.status).toBe(0);
    });

    it('README.md given by mistake gets syntax errors, capped, and exit 1: no internal error', () => {
        const result = spawnCli(['check', '--format', 'json', join(REPO_ROOT, 'README.md')]);
        expect(result.stderr).toBe('');
        expect(result.status).toBe(1);
        const diagnostics = report(result.stdout).files[0].diagnostics;
        expect(diagnostics.every(d => d.code === 'syntax')).toBe(true);
        expect(diagnostics).toHaveLength(101);
        expect(diagnostics[100].message).toMatch(/^and \d+ more syntax errors from here on: .*\(is this an \.rpcstate file\?\)$/);
    });
});

describe('rpcstate check: an input that stops the check', () => {
    it('prints the error line and no "0 files checked" summary', () => {
        const result = spawnCli(['check', join(dir, 'missing.rpcstate')]);
        expect(result.status).toBe(2);
        expect(result.stderr).toBe(`rpcstate: ${join(dir, 'missing.rpcstate')}: no such file or folder\n`);
        expect(result.stdout).toBe('');
    });

    it('still summarizes the files it did check beside a bad one', () => {
        const result = spawnCli(['check', join(dir, 'missing.rpcstate'), join(OWN_EXAMPLES, 'pipe-upload.rpcstate')]);
        expect(result.status).toBe(2);
        expect(result.stdout).toBe('1 file checked: 0 errors, 0 warnings\n');
    });
});

describe('rpcstate check: a flood of syntax errors', () => {
    it('gives one error for a line of five stray characters', () => {
        const path = join(dir, 'stars.rpcstate');
        writeFileSync(path, 'protocol P\n* * * * *\n');
        const diagnostics = report(spawnCli(['check', '--format', 'json', path]).stdout).files[0].diagnostics;
        expect(diagnostics.map(d => [d.code, d.line, d.column])).toEqual([['syntax', 2, 1]]);
    });

    it('reports the first 100 lines with errors, then "and N more" at the 101st', () => {
        const path = join(dir, 'many.rpcstate');
        writeFileSync(path, `protocol P\n${Array.from({ length: 250 }, (_, i) => `- stray ${i} -`).join('\n')}\n`);
        const result = spawnCli(['check', path]);
        const lines = result.stdout.trim().split('\n');
        expect(lines).toHaveLength(102);
        expect(lines[100]).toBe(`${path}:102:1: error[syntax]: and 150 more syntax errors from here on: only the first 100 of a file are reported (is this an .rpcstate file?)`);
        expect(lines[101]).toBe('1 file checked: 101 errors, 0 warnings');
    });

    it('gives one error for an 800 KB line of `*/` and `/*`, with a small report', () => {
        const path = join(dir, 'flood.rpcstate');
        writeFileSync(path, `protocol P\n${'*/'.repeat(400_000)}\n`);
        const result = spawnCli(['check', '--format', 'json', path]);
        expect(result.status).toBe(1);
        expect(result.stdout.length).toBeLessThan(2_000);
        expect(report(result.stdout).summary).toEqual({ files: 1, errors: 1, warnings: 0 });
    });
});
