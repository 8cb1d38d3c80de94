/**
 * The machine-independent parts of every `<name>.machine.ts`, cut from the
 * real, type-checked module runtime/machine-runtime.ts: one `#region` per
 * place in the file, so the generator only writes what depends on the spec.
 */

// The runtime's text, not the module: bundled by scripts/text-import-plugin.mjs (esbuild),
// natively by Vite under Vitest, typed by language/text-imports.d.ts.
import runtimeSource from './runtime/machine-runtime.ts?raw';

/** After `Outcomes`: what every handler receives. */
export const HANDLER_TYPES = runtimeRegion('handler-types');

/** Before the `states` and `transitions` tables: their row types. */
export const TABLE_TYPES = runtimeRegion('table-types');

/** After the tables: the public driver API. */
export const DRIVER_API = runtimeRegion('driver-api');

/** Before the generated `deciders.set` and `performers.set` lines. */
export const DISPATCH_TYPES = runtimeRegion('dispatch-types');

/** At the end of the file: the internals `run` reads, built once when the module loads. */
export const DRIVER_INTERNALS = runtimeRegion('driver-internals');

/**
 * The lines between `// #region NAME` and the next `// #endregion`, each
 * ending in `\n` (a checkout with CRLF line ends still gives the same bytes).
 */
export function runtimeRegion(name: string, source: string = runtimeSource): string {
    const lines = source.replace(/\r\n/g, '\n').split('\n');
    const start = lines.indexOf(`// #region ${name}`);
    const end = lines.indexOf('// #endregion', start + 1);
    if (start < 0 || end < 0) throw new Error(`runtime/machine-runtime.ts has no region ${name}`);
    return lines.slice(start + 1, end).map(text => `${text}\n`).join('');
}
