import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        // The code-server suite has its own command (npm run test:e2e), run by .ci/run.
        exclude: ['test/e2e/**', '**/node_modules/**'],
        testTimeout: 60_000,
        hookTimeout: 120_000,
    },
});
