// The entry the extension host loads (extensionTestsPath): runs every
// bundled *.test.cjs next to this file with mocha and rejects on a failure,
// which VS Code turns into exit code 1.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type MochaClass from 'mocha';

// mocha 12 is an ES module: require() hands back its namespace, whose `Mocha`
// is the class (a bundler's default-import shim would wrap the namespace instead).
const { Mocha } = require('mocha') as { Mocha: typeof MochaClass };

export async function run(): Promise<void> {
    const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
    const files = readdirSync(__dirname).filter(f => f.endsWith('.test.cjs')).sort();
    if (files.length === 0) throw new Error(`no *.test.cjs files in ${__dirname}: run scripts/bundle-vscode-tests.mjs`);
    for (const f of files) mocha.addFile(join(__dirname, f));
    const failures = await new Promise<number>(resolve => mocha.run(resolve));
    const total = mocha.suite.total();
    console.log(`[vscode-suite] ${total - failures} passed, ${failures} failed`);
    if (failures > 0) throw new Error(`${failures} of ${total} extension-host tests failed`);
}
