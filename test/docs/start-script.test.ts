import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

/**
 * `npm start` is the README's first command: after the build it runs
 * scripts/start.sh, which must pass on the clean examples and then show the
 * findings of the specs with mistakes, both kinds: one machine alone and a
 * client with a server.
 */
describe('npm start (scripts/start.sh)', () => {
    it('checks the clean examples, then shows a finding of each kind in examples/mistakes/, and exits 0', () => {
        const result = spawnSync('sh', ['scripts/start.sh'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
        expect(result.status, result.stdout + result.stderr).toBe(0);
        const [clean, mistakes] = result.stdout.split('And specs with mistakes (examples/mistakes/):\n');
        expect(clean).toMatch(/^3 files checked: 0 errors, 0 warnings$/m);
        expect(mistakes).toMatch(/^examples\/mistakes\/hasty-client\.rpcstate:\d+:\d+: error\[complete-before-notification\]/m);
        expect(mistakes).toMatch(/^examples\/mistakes\/waiting-for-each-other\.rpcstate:\d+:\d+: error\[protocol-deadlock\]/m);
        expect(mistakes).toMatch(/^2 files checked: 3 errors, 0 warnings$/m);
    });
});
