// Bundles the CLI, the language server and (when present) the VS Code
// extension into single CommonJS files under out/. `--production` minifies
// for the vsix; otherwise sourcemaps are written for development.
// `--only=cli,server` picks bundles by name and `--out-dir=DIR` writes them
// elsewhere (scripts/pack-cli.mjs builds the npm package this way).
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { elkFilePlugin } from './elk-file-plugin.mjs';
import { textImportPlugin } from './text-import-plugin.mjs';

const production = process.argv.includes('--production');
const optionValue = name => process.argv.find(arg => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = optionValue('only')?.split(',');
const outDir = optionValue('out-dir') ?? 'out';
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: production,
    sourcemap: production ? false : 'linked',
    logLevel: 'warning',
    define: { __RPCSTATE_VERSION__: JSON.stringify(version) },
    plugins: [textImportPlugin],
};

const entries = [
    // Both lay diagrams out with elkjs, loaded from its own file beside them (elk-file-plugin.mjs).
    { name: 'cli', in: 'cli/entry.ts', out: `${outDir}/cli.cjs`, options: { plugins: [textImportPlugin, elkFilePlugin(outDir)] } },
    { name: 'server', in: 'server/main.ts', out: `${outDir}/server.cjs`, options: { plugins: [textImportPlugin, elkFilePlugin(outDir)] } },
    { name: 'extension', in: 'client/extension.ts', out: `${outDir}/extension.cjs`, external: ['vscode'] },
    // The diagram webview's script runs in the browser; the CSP allows only this file (client/diagram/webview-html.ts).
    { name: 'webview', in: 'client/diagram/webview/diagram-webview.ts', out: `${outDir}/diagram-webview.js`, options: { platform: 'browser', format: 'iife', target: 'es2022' } },
].filter(entry => existsSync(entry.in) && (!only || only.includes(entry.name)));

const started = performance.now();
await Promise.all(entries.map(entry => build({ ...common, ...entry.options, entryPoints: [entry.in], outfile: entry.out, external: entry.external ?? [] })));
console.log(`bundled ${entries.map(e => e.out).join(', ')} in ${Math.round(performance.now() - started)} ms`);
