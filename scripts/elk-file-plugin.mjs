// esbuild plugin: elkjs, the diagram's layout engine, stays out of the CLI's and
// the language server's bundles and is copied beside them as out/elk.bundled.cjs.
// language/diagram/elk-layout.ts loads it with a dynamic import on the first
// layout; bundled, every start still read and compiled it (3.4 MB of a 5.1 MB
// bundle): `rpcstate check` of a small file took 0.30 s with it, 0.23 s without
// (compile cache warm). The file is elkjs's own minified build, copied as is.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ELK_IMPORT = 'elkjs/lib/elk.bundled.js';
export const ELK_FILE = 'elk.bundled.cjs';

export function elkFilePlugin(outDir) {
    return {
        name: 'elk-file',
        setup(build) {
            build.onResolve({ filter: /^elkjs\/lib\/elk\.bundled\.js$/ }, () => ({ path: `./${ELK_FILE}`, external: true }));
            build.onEnd(result => {
                if (result.errors.length > 0) return;
                mkdirSync(outDir, { recursive: true });
                copyFileSync(createRequire(import.meta.url).resolve(ELK_IMPORT), join(outDir, ELK_FILE));
            });
        },
    };
}

