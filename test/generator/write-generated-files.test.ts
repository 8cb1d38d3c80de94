import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnsafeWriteError, writeGeneratedFiles } from '../../language/generator/write-generated-files.js';

let dir: string;
let out: string;
let elsewhere: string;
beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rpcstate-writer-'));
    out = join(dir, 'out');
    elsewhere = join(dir, 'elsewhere');
    mkdirSync(out);
    mkdirSync(elsewhere);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const machine = { name: 'caller.machine.ts', content: 'export {};\n', policy: 'rewrite' as const };
const handlers = { name: 'caller.handlers.ts', content: '// skeleton\n', policy: 'create' as const };

describe('writeGeneratedFiles', () => {
    it('writes new files, then reports unchanged files and keeps existing create-only files', async () => {
        expect((await writeGeneratedFiles(out, [machine, handlers])).map(r => r.action)).toEqual(['written', 'written']);
        writeFileSync(join(out, 'caller.handlers.ts'), '// mine\n');
        const again = await writeGeneratedFiles(out, [machine, { ...handlers, content: '// new skeleton\n' }]);
        expect(again.map(r => r.action)).toEqual(['unchanged', 'kept']);
        expect(readFileSync(join(out, 'caller.handlers.ts'), 'utf8')).toBe('// mine\n');
        const changed = await writeGeneratedFiles(out, [{ ...machine, content: 'export const x = 1;\n' }]);
        expect(changed[0].action).toBe('written');
        expect(readFileSync(join(out, 'caller.machine.ts'), 'utf8')).toBe('export const x = 1;\n');
    });

    it('leaves no temporary file behind', async () => {
        await writeGeneratedFiles(out, [machine, handlers]);
        await writeGeneratedFiles(out, [{ ...machine, content: '// v2\n' }, handlers]);
        expect(readdirSync(out).sort()).toEqual(['caller.handlers.ts', 'caller.machine.ts']);
    });

    it('refuses names with a folder part or `..`, before writing anything', async () => {
        for (const name of ['../escape.ts', '..', 'sub/file.ts', '/abs.ts', 'a\\b.ts', '']) {
            await expect(writeGeneratedFiles(out, [machine, { ...machine, name }]), name).rejects.toBeInstanceOf(UnsafeWriteError);
        }
        expect(readdirSync(out)).toEqual([]);
        expect(readdirSync(dir).sort()).toEqual(['elsewhere', 'out']);
    });

    it('refuses to write through a symbolic link in the output folder pointing elsewhere, and writes nothing at all', async () => {
        writeFileSync(join(elsewhere, 'target.ts'), '// not yours\n');
        symlinkSync(join(elsewhere, 'target.ts'), join(out, 'caller.machine.ts'));
        const other = { ...machine, name: 'manager.machine.ts' };
        await expect(writeGeneratedFiles(out, [other, machine])).rejects.toThrow(/caller\.machine\.ts is a symbolic link/);
        expect(readFileSync(join(elsewhere, 'target.ts'), 'utf8')).toBe('// not yours\n');
        expect(readdirSync(out)).toEqual(['caller.machine.ts']);
    });

    it('refuses a dangling link too (it would create a file elsewhere)', async () => {
        symlinkSync(join(elsewhere, 'missing.ts'), join(out, 'caller.machine.ts'));
        await expect(writeGeneratedFiles(out, [machine])).rejects.toBeInstanceOf(UnsafeWriteError);
        expect(readdirSync(elsewhere)).toEqual([]);
    });

    it('keeps a create-only file even when it is a link, and never follows it', async () => {
        writeFileSync(join(elsewhere, 'handlers.ts'), '// kept elsewhere\n');
        symlinkSync(join(elsewhere, 'handlers.ts'), join(out, 'caller.handlers.ts'));
        expect((await writeGeneratedFiles(out, [handlers]))[0].action).toBe('kept');
        expect(readFileSync(join(elsewhere, 'handlers.ts'), 'utf8')).toBe('// kept elsewhere\n');
    });

    it('refuses to replace a folder', async () => {
        mkdirSync(join(out, 'caller.machine.ts'));
        await expect(writeGeneratedFiles(out, [machine])).rejects.toThrow(/not a regular file/);
    });

    it('plans without writing in a dry run, even into a folder that does not exist yet', async () => {
        writeFileSync(join(out, 'caller.handlers.ts'), '// mine\n');
        const planned = await writeGeneratedFiles(out, [machine, handlers], { dryRun: true });
        expect(planned.map(r => r.action)).toEqual(['written', 'kept']);
        expect(readdirSync(out)).toEqual(['caller.handlers.ts']);
        const missing = join(dir, 'new', 'folder');
        expect((await writeGeneratedFiles(missing, [machine], { dryRun: true }))[0].action).toBe('written');
        expect(readdirSync(dir).sort()).toEqual(['elsewhere', 'out']);
    });

    it('creates a missing output folder when it writes', async () => {
        const missing = join(dir, 'new', 'folder');
        await writeGeneratedFiles(missing, [machine]);
        expect(readdirSync(missing)).toEqual(['caller.machine.ts']);
    });
});
