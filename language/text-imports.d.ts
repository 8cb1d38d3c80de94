/**
 * `import text from './file?raw'`: the file's text as a string. Vite (so
 * Vitest) does this natively; the esbuild bundles through
 * scripts/text-import-plugin.mjs. Used for the generated code's runtime
 * (language/generator/machine-runtime-source.ts), which is a real module
 * for tsc and text for the generator.
 */
declare module '*?raw' {
    const text: string;
    export default text;
}
