import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, readSourceFile } from '../../language/files/input-files.js';
import { rewriteSource } from '../../language/files/rewrite-source.js';

const dir = mkdtempSync(join(tmpdir(), 'rpcstate-rewrite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rewriteSource', () => {
    it('replaces the text it read', async () => {
        const path = join(dir, 'a.rpcstate');
        writeFileSync(path, 'protocol A\n');
        await rewriteSource(await readSourceFile(path), 'protocol B\n');
        expect(readFileSync(path, 'utf8')).toBe('protocol B\n');
    });

    it('does not overwrite a file that changed since it was read', async () => {
        const path = join(dir, 'b.rpcstate');
        writeFileSync(path, 'protocol A\n');
        const source = await readSourceFile(path);
        writeFileSync(path, 'protocol Saved\n');
        await expect(rewriteSource(source, 'protocol B\n')).rejects.toThrow(InputError);
        expect(readFileSync(path, 'utf8')).toBe('protocol Saved\n');
    });
});
