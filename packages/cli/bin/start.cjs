'use strict';
// Starts one of the bundles in ../out on the Node.js that runs this file.
// The package has no dependencies (the bundles hold everything), so there is
// no other Node to fall back on: an older one gets one line and exit status 2.
const path = require('node:path');

/** Keep in step with "engines" in ../package.json (test/package/npm-package.test.ts checks it). */
const MIN_NODE_MAJOR = 22;

module.exports = function start(bundle, name) {
    const major = Number(process.versions.node.split('.')[0]);
    if (major < MIN_NODE_MAJOR) {
        process.stderr.write(`${name}: Node.js ${MIN_NODE_MAJOR} or later is needed, this is ${process.version}; install a newer Node.js (https://nodejs.org) and run it again\n`);
        process.exit(2);
    }
    // Node 22 keeps the compiled bundle in the OS temp folder: from the second
    // run on, a cold start reads it back instead of compiling 2 MB again.
    try {
        require('node:module').enableCompileCache?.();
    } catch {
        // an unwritable cache folder only costs the speed-up
    }
    require(path.join(__dirname, '..', 'out', bundle));
};
