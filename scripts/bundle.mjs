// Bundles the CLI, the language server and (when present) the VS Code
// extension into single CommonJS files under out/. `--production` minifies
// for the vsix; otherwise sourcemaps are written for development.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
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
};

const entries = [
    { in: 'cli/entry.ts', out: 'out/cli.cjs' },
    { in: 'server/main.ts', out: 'out/server.cjs' },
    { in: 'client/extension.ts', out: 'out/extension.cjs', external: ['vscode'] },
    // The diagram webview's script runs in the browser; the CSP allows only this file (client/diagram/webview-html.ts).
    { in: 'client/diagram/webview/diagram-webview.ts', out: 'out/diagram-webview.js', options: { platform: 'browser', format: 'iife', target: 'es2022' } },
].filter(entry => existsSync(entry.in));

const started = performance.now();
await Promise.all(entries.map(entry => build({ ...common, ...entry.options, entryPoints: [entry.in], outfile: entry.out, external: entry.external ?? [] })));
console.log(`bundled ${entries.map(e => e.out).join(', ')} in ${Math.round(performance.now() - started)} ms`);
