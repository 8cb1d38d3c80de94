// Types of scripts/npm-package-contents.mjs, for the tests that import it.
export declare const MAX_TARBALL_BYTES: number;
export declare const MAX_UNPACKED_BYTES: number;
export declare const REQUIRED_FILES: readonly string[];
export declare function npmPackageProblems(paths: readonly string[], sizes?: { size?: number; unpackedSize?: number }): string[];
