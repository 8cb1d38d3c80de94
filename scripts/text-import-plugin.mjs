// esbuild plugin: `import text from './file?raw'` gives the file's text as a string, as
// Vite (so Vitest) does natively. The generator's runtime (language/generator/runtime/)
// is a real TypeScript module that tsc checks, and the generator copies it as text.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

export const textImportPlugin = {
    name: 'text-import',
    setup(build) {
        build.onResolve({ filter: /\?raw$/ }, args => ({
            path: resolve(args.resolveDir, args.path.slice(0, -'?raw'.length)),
            namespace: 'raw-text',
        }));
        build.onLoad({ filter: /.*/, namespace: 'raw-text' }, async args => ({
            contents: await readFile(args.path, 'utf8'),
            loader: 'text',
            watchFiles: [args.path],
        }));
    },
};
