import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OWN_EXAMPLES } from '../support/paths.js';
import { spawnCli } from '../support/spawn-cli.js';

const DOCUMENTED = readFileSync(join(OWN_EXAMPLES, 'documented-tables.rpcstate'), 'utf8');
const BROKEN = 'protocol P\nserver S {\n  initial state D {\n    dispatch\n    -> End\n  }\n  end state End\n}\n';
const GENERATED = ['caller.handlers.ts', 'caller.machine.ts', 'caller.paths.test.ts', 'manager.handlers.ts', 'manager.machine.ts', 'manager.paths.test.ts'];

let dir: string;
beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rpcstate-generate-'));
    writeFileSync(join(dir, 'tables.rpcstate'), DOCUMENTED);
    writeFileSync(join(dir, 'broken.rpcstate'), BROKEN);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const filesIn = (folder: string) => readdirSync(folder).sort();

describe('rpcstate generate', () => {
    it('writes three files per machine beside the spec, and says so', () => {
        const result = spawnCli(['generate', join(dir, 'tables.rpcstate')]);
        expect(result.status, result.stderr).toBe(0);
        expect(filesIn(dir)).toEqual(['broken.rpcstate', ...GENERATED, 'tables.rpcstate', 'tsconfig.json'].sort());
        expect(result.stdout).toContain(`wrote     ${join(dir, 'caller.machine.ts')}`);
        expect(readFileSync(join(dir, 'caller.machine.ts'), 'utf8')).toMatch(/^\/\/ generated from tables\.rpcstate by rpcstate; do not edit\./);
    });

    it('writes under --out, naming the spec relative to it', () => {
        const out = join(dir, 'gen');
        expect(spawnCli(['generate', join(dir, 'tables.rpcstate'), '--out', out]).status).toBe(0);
        expect(filesIn(out)).toEqual([...GENERATED, 'tsconfig.json']);
        expect(readFileSync(join(out, 'manager.machine.ts'), 'utf8')).toContain('// generated from ../tables.rpcstate by rpcstate');
    });

    it('writes a tsconfig.json for the output folder only when there is none', () => {
        const out = join(dir, 'gen');
        expect(spawnCli(['generate', join(dir, 'tables.rpcstate'), '--out', out]).status).toBe(0);
        const config = JSON.parse(readFileSync(join(out, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
        expect(config.compilerOptions).toMatchObject({ strict: true, module: 'NodeNext', types: ['node'], exactOptionalPropertyTypes: true });
        writeFileSync(join(out, 'tsconfig.json'), '{ "extends": "../my-own.json" }\n');
        const again = spawnCli(['generate', join(dir, 'tables.rpcstate'), '--out', out]);
        expect(again.stdout).toMatch(/kept +.*tsconfig\.json/);
        expect(readFileSync(join(out, 'tsconfig.json'), 'utf8')).toBe('{ "extends": "../my-own.json" }\n');
    });

    it('keeps an edited handler file byte-identical, rewrites the rest, and is deterministic', () => {
        expect(spawnCli(['generate', join(dir, 'tables.rpcstate')]).status).toBe(0);
        const first = new Map(GENERATED.map(name => [name, readFileSync(join(dir, name), 'utf8')]));
        const edited = first.get('caller.handlers.ts')!.replace('throw new Error(', 'return "success"; // edited\n        throw new Error(');
        writeFileSync(join(dir, 'caller.handlers.ts'), edited);
        writeFileSync(join(dir, 'caller.machine.ts'), '// damaged by hand\n');
        const again = spawnCli(['generate', join(dir, 'tables.rpcstate')]);
        expect(again.status).toBe(0);
        expect(again.stdout).toMatch(/kept +.*caller\.handlers\.ts {2}\(exists; rpcstate never overwrites it\)/);
        expect(again.stdout).toMatch(/wrote +.*caller\.machine\.ts/);
        expect(again.stdout).toMatch(/unchanged +.*manager\.machine\.ts/);
        expect(readFileSync(join(dir, 'caller.handlers.ts'), 'utf8')).toBe(edited);
        for (const name of GENERATED.filter(n => n !== 'caller.handlers.ts')) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(first.get(name));
    });

    it('refuses a spec with errors: exit 1, the diagnostics, and nothing written', () => {
        const result = spawnCli(['generate', join(dir, 'broken.rpcstate'), '--out', join(dir, 'gen')]);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain('error[missing-completion]');
        expect(result.stderr).toContain('has 1 error; fix it first (nothing was generated)');
        expect(filesIn(dir)).toEqual(['broken.rpcstate', 'tables.rpcstate']);
    });

    it('lists what it would write and keep in a dry run, and writes nothing', () => {
        writeFileSync(join(dir, 'caller.handlers.ts'), '// mine\n');
        const result = spawnCli(['generate', join(dir, 'tables.rpcstate'), '--dry-run']);
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/would write .*caller\.machine\.ts/);
        expect(result.stdout).toMatch(/would keep .*caller\.handlers\.ts/);
        expect(filesIn(dir)).toEqual(['broken.rpcstate', 'caller.handlers.ts', 'tables.rpcstate']);
    });

    it('refuses to write through a symlinked entry of the output folder: exit 2, one line, nothing written', () => {
        const out = join(dir, 'gen');
        const elsewhere = join(dir, 'elsewhere');
        mkdirSync(out);
        mkdirSync(elsewhere);
        writeFileSync(join(elsewhere, 'victim.ts'), '// precious\n');
        symlinkSync(join(elsewhere, 'victim.ts'), join(out, 'manager.machine.ts'));
        const result = spawnCli(['generate', join(dir, 'tables.rpcstate'), '--out', out]);
        expect(result.status).toBe(2);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toContain('is a symbolic link');
        expect(filesIn(out)).toEqual(['manager.machine.ts']);
        expect(readFileSync(join(elsewhere, 'victim.ts'), 'utf8')).toBe('// precious\n');
    });

    it('writes trace files with --trace that map generated code to spec ranges', () => {
        expect(spawnCli(['generate', join(dir, 'tables.rpcstate'), '--trace']).status).toBe(0);
        const trace = JSON.parse(readFileSync(join(dir, 'caller.machine.ts.trace.json'), 'utf8')) as {
            spec: string; mappings: Array<{ generated: { offset: number; end: number }; source: { range: { start: { line: number } } } }>;
        };
        expect(trace.spec).toBe('tables.rpcstate');
        const code = readFileSync(join(dir, 'caller.machine.ts'), 'utf8');
        const method = code.indexOf('    Can(context');
        const mapping = trace.mappings.filter(m => m.generated.offset <= method && method < m.generated.end).pop();
        // `state Can "Cancel the call" {` is on line 13 of the spec (0-based 12).
        expect(mapping?.source.range.start.line).toBe(DOCUMENTED.split('\n').findIndex(l => l.includes('state Can')));
        expect(filesIn(dir)).not.toContain('caller.handlers.ts.trace.json');
    });

    it('says so when the spec has no machine', () => {
        writeFileSync(join(dir, 'empty.rpcstate'), 'protocol Empty\n');
        const result = spawnCli(['generate', join(dir, 'empty.rpcstate')]);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain('declares no machine: nothing to generate');
    });

    it('exits 2 with one line on bad usage and unreadable input', () => {
        for (const args of [['generate'], ['generate', join(dir, 'missing.rpcstate')], ['generate', dir], ['generate', join(dir, 'tables.rpcstate'), '--bogus']]) {
            const result = spawnCli(args);
            expect(result.status, args.join(' ')).toBe(2);
            expect(result.stderr.trim().length, args.join(' ')).toBeGreaterThan(0);
            expect(result.stderr).not.toMatch(/\n\s+at /);
        }
        expect(filesIn(dir)).toEqual(['broken.rpcstate', 'tables.rpcstate']);
    });
});
