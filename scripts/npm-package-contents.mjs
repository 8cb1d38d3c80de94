// What the npm package (packages/cli, `npm run pack:cli`) may and must
// contain. Used by scripts/pack-cli.mjs on every pack and by
// test/package/npm-package.test.ts. The package has no dependencies: the two
// bundles hold the CLI and the language server with everything they import,
// but for elkjs's layout engine, a file beside them loaded for a diagram.

/** The tarball stays small enough for a quick CI install (919 KiB on 2026-12-02). */
export const MAX_TARBALL_BYTES = 2 * 1024 * 1024;
/** Unpacked: the two minified bundles (about 0.8 MB each), elkjs (1.6 MB) and the docs. */
export const MAX_UNPACKED_BYTES = 6 * 1024 * 1024;

/** Files that must be in the package (paths inside `package/`). */
export const REQUIRED_FILES = [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'bin/start.cjs',
    'bin/rpcstate.cjs',
    'bin/rpcstate-language-server.cjs',
    'out/cli.cjs',
    'out/server.cjs',
    'out/elk.bundled.cjs',
    'docs/diagnostics.md',
    'schema/rpcstate.schema.json',
];

/** Anything else allowed: the documentation pages. */
const ALLOWED = [/^docs\/[a-z0-9-]+\.md$/, /^schema\/[a-z0-9-]+\.schema\.json$/];

/**
 * Problems with the package's file list (`npm pack --json`'s `files[].path`),
 * empty when it is right: every required file present, nothing else (no
 * sources, tests, sourcemaps), and the sizes under their caps.
 */
export function npmPackageProblems(paths, { size, unpackedSize } = {}) {
    const problems = [];
    const required = new Set(REQUIRED_FILES);
    for (const path of paths) {
        if (required.has(path) || ALLOWED.some(pattern => pattern.test(path))) continue;
        problems.push(`not a package file: ${path}`);
    }
    const present = new Set(paths);
    for (const file of REQUIRED_FILES) {
        if (!present.has(file)) problems.push(`missing ${file}`);
    }
    if (size !== undefined && size > MAX_TARBALL_BYTES) problems.push(`the tarball is ${size} bytes, over the ${MAX_TARBALL_BYTES} byte limit`);
    if (unpackedSize !== undefined && unpackedSize > MAX_UNPACKED_BYTES) problems.push(`unpacked it is ${unpackedSize} bytes, over the ${MAX_UNPACKED_BYTES} byte limit`);
    return problems;
}
