// Packages the VS Code extension: production bundles (minified, no
// sourcemaps), then `vsce package` into rpcstate-<version>.vsix with
// client/README.md as the Marketplace README, then audits the result
// (scripts/vsix-contents.mjs) and fails if it holds anything it should not.
//   npm run package            (needs `langium generate` done: npm run build)
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vsixProblems, zipEntries } from './vsix-contents.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outFile = process.argv.includes('-o') ? process.argv[process.argv.indexOf('-o') + 1] : join(root, `rpcstate-${version}.vsix`);

execFileSync(process.execPath, [join(root, 'scripts/bundle.mjs'), '--production'], { cwd: root, stdio: 'inherit' });

const require = createRequire(import.meta.url);
const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--readme-path', 'client/README.md', '-o', outFile], {
    cwd: root,
    stdio: 'inherit',
});

const entries = zipEntries(outFile);
const size = statSync(outFile).size;
const problems = vsixProblems(entries.map(e => e.name), size);
if (problems.length) {
    console.error(`${outFile} is not right:\n  ${problems.join('\n  ')}`);
    process.exit(1);
}
console.log(`${outFile}: ${entries.length} entries, ${(size / 1024).toFixed(0)} KiB (limit 2048 KiB), contents checked`);
