// Builds the npm package of the CLI and language server (packages/cli) and
// packs it: production bundles into packages/cli/out, then the docs, LICENSE
// and CHANGELOG copied beside them, then `npm pack`, then an audit of the
// file list (scripts/npm-package-contents.mjs).
//   npm run pack:cli                      (tarball in the repository root)
//   node scripts/pack-cli.mjs --pack-destination DIR
// Prints the tarball's path as the last line.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmPackageProblems } from './npm-package-contents.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const packageDir = join(root, 'packages', 'cli');
const destinationFlag = process.argv.indexOf('--pack-destination');
const destination = destinationFlag > 0 ? resolve(process.argv[destinationFlag + 1]) : root;

// One version for the extension and the package: the bundles' --version comes from the root manifest.
const rootVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const packageVersion = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
if (rootVersion !== packageVersion) {
    console.error(`packages/cli/package.json has version ${packageVersion}, package.json has ${rootVersion}: make them equal`);
    process.exit(1);
}

rmSync(join(packageDir, 'out'), { recursive: true, force: true });
rmSync(join(packageDir, 'docs'), { recursive: true, force: true });
rmSync(join(packageDir, 'schema'), { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'scripts', 'bundle.mjs'), '--production', '--only=cli,server', '--out-dir=packages/cli/out'], { cwd: root, stdio: 'inherit' });
mkdirSync(join(packageDir, 'docs'));
for (const page of readdirSync(join(root, 'docs')).filter(name => name.endsWith('.md'))) {
    copyFileSync(join(root, 'docs', page), join(packageDir, 'docs', page));
}
for (const file of ['LICENSE', 'CHANGELOG.md']) copyFileSync(join(root, file), join(packageDir, file));
mkdirSync(join(packageDir, 'schema'), { recursive: true });
copyFileSync(join(root, 'schema', 'rpcstate.schema.json'), join(packageDir, 'schema', 'rpcstate.schema.json'));

mkdirSync(destination, { recursive: true });
// --ignore-scripts: the package has none, and no hook should run.
const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: packageDir, encoding: 'utf8' });
const [packed] = JSON.parse(output);
const problems = npmPackageProblems(packed.files.map(file => file.path), packed);
const tarball = join(destination, packed.filename);
if (problems.length) {
    console.error(`${tarball} is not right:\n  ${problems.join('\n  ')}`);
    process.exit(1);
}
console.log(`${packed.files.length} files, ${(packed.size / 1024).toFixed(0)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked, contents checked`);
console.log(tarball);
