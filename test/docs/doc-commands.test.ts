import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OWN_EXAMPLES, REPO_ROOT } from '../support/paths.js';

/**
 * The commands docs/generation.md tells a user to type, run as written in a
 * folder of their own. `npm install --save-dev typescript @types/node` is
 * stood in for by a link to this checkout's node_modules (no network in
 * tests); `npx rpcstate` by the built bin.
 */
const dir = mkdtempSync(join(tmpdir(), 'rpcstate-doc-commands-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function documentedCommands(): string[] {
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'generation.md'), 'utf8');
    const block = /```sh\n(npm install --save-dev typescript @types\/node\n[\s\S]*?)```/.exec(doc);
    if (!block) throw new Error('docs/generation.md: the compile-and-run block is gone');
    return block[1].trim().split('\n').slice(1);
}

describe('docs/generation.md: compiling and running the generated code', () => {
    it('works as written from a user\'s folder: generate, `npx tsc -p gen`, `node --test`', () => {
        const commands = documentedCommands();
        expect(commands).toEqual(['npx rpcstate generate spec/tables.rpcstate --out gen', 'npx tsc -p gen', 'node --test gen/js/*.paths.test.js']);
        symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
        mkdirSync(join(dir, 'spec'));
        copyFileSync(join(OWN_EXAMPLES, 'documented-tables.rpcstate'), join(dir, 'spec', 'tables.rpcstate'));
        const env = { ...process.env, PATH: `${join(REPO_ROOT, 'node_modules', '.bin')}:${process.env.PATH}` };
        for (const command of commands) {
            const shell = command.replace(/^npx rpcstate /, `"${process.execPath}" "${join(REPO_ROOT, 'bin', 'rpcstate.cjs')}" `);
            const result = spawnSync('sh', ['-c', shell], { cwd: dir, env, encoding: 'utf8', timeout: 240_000 });
            expect(result.status, `${command}\n${result.stdout}${result.stderr}`).toBe(0);
        }
    }, 300_000);
});
