import type { FileToWrite } from './write-generated-files.js';

/**
 * A `tsconfig.json` for the output folder, written only when none is there
 * (never overwritten), so that `npx tsc -p OUT` compiles the generated files
 * with the flags they are promised to pass. TypeScript 6 no longer includes
 * `@types/node` by default, which the paths tests need (`node:test`), hence
 * `types`. The compiled JavaScript goes to `OUT/js` (ESM or CommonJS as the
 * nearest package.json's `type` says: the generated code runs as either).
 */
export function outputTsconfig(): FileToWrite {
    const config = {
        compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            types: ['node'],
            strict: true,
            noUnusedLocals: true,
            noUnusedParameters: true,
            exactOptionalPropertyTypes: true,
            isolatedModules: true,
            noImplicitOverride: true,
            rootDir: '.',
            outDir: 'js',
        },
        include: ['*.ts'],
    };
    return { name: 'tsconfig.json', content: `${JSON.stringify(config, null, 2)}\n`, policy: 'create' };
}
