/**
 * The extension-host suite of test/vscode/ (mocha, real `vscode` API), run
 * inside code-server's Node 22 extension host through the harness's
 * runExtensionTests (the URL `payload` route; desktop VS Code, which
 * `npm run test:vscode` would use, cannot be downloaded here). The extension
 * under development is the repository itself (out/extension.cjs and
 * out/server.cjs as last built).
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eSetupProblem, ownedProcesses, REPO_ROOT, runExtensionTests } from './code-server.js';

const problem = e2eSetupProblem();
if (problem) console.warn(`[extension-host.e2e] skipped: ${problem}`);

describe.skipIf(problem !== undefined)('the extension-host suite (test/vscode) in code-server', () => {
    let dir: string;

    beforeAll(async () => {
        for (const bundle of ['out/extension.cjs', 'out/server.cjs']) {
            if (!existsSync(join(REPO_ROOT, bundle))) throw new Error(`${bundle} is missing: run \`npm run build\` (or npm run package) first`);
        }
        execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/bundle-vscode-tests.mjs')], { cwd: REPO_ROOT, stdio: 'pipe' });
        dir = await mkdtemp(join(tmpdir(), 'rpcstate-e2e-suite-'));
        // a copy, so that nothing the editor writes lands in the repository
        await cp(join(REPO_ROOT, 'test/vscode/workspace'), join(dir, 'ws'), { recursive: true });
    });

    afterAll(async () => {
        if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('passes', async () => {
        const result = await runExtensionTests({
            extensionDevelopmentPath: REPO_ROOT,
            extensionTestsPath: join(REPO_ROOT, 'out/test/vscode/suite/index.cjs'),
            workspaceFolder: join(dir, 'ws'),
            label: 'extension-host-suite',
            timeoutMs: 180_000,
        });
        const report = result.console.filter(l => /passing|failing|pending|✔|✓|[0-9]+\) |vscode-suite|Error/.test(l));
        console.log(`[extension-host.e2e] exit ${result.exitCode} in ${result.durationMs} ms\n${report.join('\n')}`);
        expect(result.exitCode, result.console.slice(-40).join('\n')).toBe(0);
        const summary = result.console.map(l => /\[vscode-suite\] (\d+) passed, (\d+) failed/.exec(l)).find(Boolean);
        expect(summary, 'the suite printed its summary').toBeTruthy();
        expect(Number(summary![1])).toBeGreaterThanOrEqual(6);
        expect(Number(summary![2])).toBe(0);
        expect(ownedProcesses()).toEqual([]);
    }, 240_000);
});
