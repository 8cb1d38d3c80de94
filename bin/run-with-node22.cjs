'use strict';
// rpcstate needs Node 22 (Langium 4.4 uses Object.groupBy). These machines
// ship Node 20, and `npm install` brings Node 22 as the `node` dev dependency:
// when started by an older Node, re-run ourselves with that one.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

module.exports = function runWithNode22(bundle) {
    const root = path.join(__dirname, '..');
    const entry = path.join(root, 'out', bundle);
    const major = Number(process.versions.node.split('.')[0]);
    if (major < 22) {
        const node22 = path.join(root, 'node_modules', 'node', 'bin', 'node');
        if (!existsSync(node22)) {
            process.stderr.write(`rpcstate: Node.js 22 or later is needed (this is ${process.version}); run \`npm install\` in ${root} to fetch it, or put Node 22 on PATH\n`);
            process.exit(2);
        }
        const result = spawnSync(node22, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
        process.exit(result.status === null ? 2 : result.status);
    }
    if (!existsSync(entry)) {
        process.stderr.write(`rpcstate: ${path.relative(process.cwd(), entry)} is missing; run \`npm run build\` in ${root}\n`);
        process.exit(2);
    }
    // Node 22 keeps the compiled bundle on disk (in the OS temp folder): compiling
    // the 2 MB bundle is a good part of a cold start, and from the second run on it is read back.
    try {
        require('node:module').enableCompileCache?.();
    } catch {
        // an unwritable cache folder only costs the speed-up
    }
    require(entry);
};
