import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        // The code-server suite has its own command (npm run test:e2e), run by .ci/run.
        // test/vscode/ runs inside VS Code's extension host (npm run test:vscode, and through code-server in test:e2e).
        exclude: ['test/e2e/**', 'test/vscode/**', '**/node_modules/**'],
        testTimeout: 60_000,
        hookTimeout: 120_000,
    },
});
