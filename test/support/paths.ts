import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** ../shared beside the checkout: absent in a user's own clone, where the tests that need it skip and say so. */
export const SHARED_EXAMPLES = resolve(REPO_ROOT, '..', 'shared', 'examples');
export const HAS_SHARED = existsSync(SHARED_EXAMPLES);
if (!HAS_SHARED) {
    console.warn(`[rpcstate tests] ${SHARED_EXAMPLES} is absent: tests over the shared examples are skipped.`);
}

export const OWN_CASES = join(REPO_ROOT, 'test', 'cases');
export const OWN_EXAMPLES = join(REPO_ROOT, 'examples');
export const CLI_BIN = join(REPO_ROOT, 'bin', 'rpcstate.cjs');
export const CLI_BUNDLE = join(REPO_ROOT, 'out', 'cli.cjs');
export const SERVER_BUNDLE = join(REPO_ROOT, 'out', 'server.cjs');
