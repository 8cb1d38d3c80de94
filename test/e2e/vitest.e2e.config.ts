// End-to-end tests (real VS Code = code-server, in headless Chromium).
// Not part of the default `vitest run`: their files end in .e2e.ts or
// .selftest.ts. Run after `bash scripts/e2e/setup.sh`:
//   npx vitest run --config test/e2e/vitest.e2e.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        root: fileURLToPath(new URL('../../', import.meta.url)),
        include: ['test/e2e/**/*.e2e.ts', 'test/e2e/**/*.selftest.ts'],
        // one code-server + chromium at a time: these machines have 2 cores
        fileParallelism: false,
        testTimeout: 180_000,
        hookTimeout: 180_000,
        teardownTimeout: 30_000,
    },
});
