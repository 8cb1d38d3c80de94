// Types of scripts/vsix-contents.mjs, for the tests that import it.
export declare const MAX_VSIX_BYTES: number;
export declare const REQUIRED_FILES: readonly string[];
export declare function vsixProblems(entryNames: readonly string[], sizeBytes?: number): string[];
export declare function zipEntries(path: string): Array<{ name: string; size: number }>;
