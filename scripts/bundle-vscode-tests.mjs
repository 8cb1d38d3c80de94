// Bundles the extension-host test suite (test/vscode/) to out/test/vscode/ as
// CommonJS: the extension host require()s the suite's index, which hands
// each *.test.cjs to mocha. `vscode`, `mocha` and @vscode/test-electron stay
// external (the first is the editor's; the others load from node_modules).
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { textImportPlugin } from './text-import-plugin.mjs';

const suite = readdirSync(new URL('../test/vscode/suite/', import.meta.url)).filter(f => f.endsWith('.test.ts'));
const entries = [
    { in: 'test/vscode/runTest.ts', out: 'out/test/vscode/runTest.cjs' },
    { in: 'test/vscode/suite/index.ts', out: 'out/test/vscode/suite/index.cjs' },
    ...suite.map(f => ({ in: `test/vscode/suite/${f}`, out: `out/test/vscode/suite/${f.replace(/\.ts$/, '.cjs')}` })),
];
await Promise.all(entries.map(entry => build({
    entryPoints: [entry.in],
    outfile: entry.out,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['vscode', 'mocha', '@vscode/test-electron'],
    plugins: [textImportPlugin],
})));
console.log(`bundled ${entries.length} extension-host test files to out/test/vscode/`);
