// Desktop VS Code: downloads VS Code (@vscode/test-electron), starts it with
// the repository as the extension under development and test/vscode/workspace
// open, and runs the bundled mocha suite (out/test/vscode/suite/index.cjs).
//   npm run test:vscode
// Where VS Code cannot be downloaded (our machines), the same suite runs in
// code-server instead: test/e2e/extension-host.e2e.ts.
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
    const root = resolve(__dirname, '..', '..', '..');
    try {
        await runTests({
            extensionDevelopmentPath: root,
            extensionTestsPath: join(root, 'out', 'test', 'vscode', 'suite', 'index.cjs'),
            launchArgs: [join(root, 'test', 'vscode', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
        });
    } catch (e) {
        console.error(`extension-host tests failed: ${(e as Error).message}`);
        process.exit(1);
    }
}

void main();
