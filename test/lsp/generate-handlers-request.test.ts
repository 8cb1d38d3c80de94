import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'langium';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateHandlers } from '../../server/features/generate-handlers.js';
import { OWN_EXAMPLES } from '../support/paths.js';
import { services } from './editor-services.js';

const DOCUMENTED = readFileSync(join(OWN_EXAMPLES, 'documented-tables.rpcstate'), 'utf8');

describe('the rpcstate/generateHandlers request', () => {
    let dir: string;
    beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'rpcstate-generate-request-')); });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('generates beside the spec and names the handlers file of the requested machine', async () => {
        const spec = join(dir, 'tables.rpcstate');
        writeFileSync(spec, DOCUMENTED);
        const result = await generateHandlers(services, { uri: URI.file(spec).toString(), machine: 'Manager' });
        expect(result.kind).toBe('generated');
        if (result.kind !== 'generated') return;
        expect(result.handlersPath).toBe(join(dir, 'manager.handlers.ts'));
        expect(result.files.map(file => file.name).sort()).toEqual([
            'caller.handlers.ts', 'caller.machine.ts', 'caller.paths.test.ts',
            'manager.handlers.ts', 'manager.machine.ts', 'manager.paths.test.ts', 'tsconfig.json',
        ]);
        expect(existsSync(join(dir, 'caller.machine.ts'))).toBe(true);

        // A second run keeps the user's handlers.
        writeFileSync(join(dir, 'manager.handlers.ts'), '// mine\n');
        const again = await generateHandlers(services, { uri: URI.file(spec).toString() });
        expect(again.kind === 'generated' && again.files.find(file => file.name === 'manager.handlers.ts')?.action).toBe('kept');
        expect(readFileSync(join(dir, 'manager.handlers.ts'), 'utf8')).toBe('// mine\n');
    });

    it('refuses a spec with errors and writes nothing', async () => {
        const spec = join(dir, 'broken.rpcstate');
        writeFileSync(spec, DOCUMENTED.replace('-> Comp\n    on fatal', '-> Gone\n    on fatal'));
        expect(await generateHandlers(services, { uri: URI.file(spec).toString() })).toEqual({ kind: 'refused', errors: 1 });
        expect(existsSync(join(dir, 'manager.machine.ts'))).toBe(false);
    });

    it('answers bad input with a reason instead of throwing', async () => {
        expect((await generateHandlers(services, { uri: 'untitled:Untitled-1' })).kind).toBe('failed');
        const missing = await generateHandlers(services, { uri: URI.file(join(dir, 'nope.rpcstate')).toString() });
        expect(missing).toMatchObject({ kind: 'failed', message: expect.stringContaining('no such file') });
    });
});
