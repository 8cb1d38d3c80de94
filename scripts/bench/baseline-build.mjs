// The baseline build for `npm run bench -- --baseline REF`: the bundles of
// another commit (a tag such as v0.1.0, or a commit hash, which a fresh clone
// without tags still has), built once into .cache/bench-baseline/<commit>/
// and reused by later runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Resolves REF to a commit, or throws a message that says how to get it. */
function commitOf(root, ref) {
    const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) {
        throw new Error(`--baseline ${ref}: no such commit or tag here (a clone may lack tags: \`git fetch --tags\`, or give the commit, e.g. 500200b)`);
    }
    return result.stdout.trim();
}

/** Returns { commit, root } of the built baseline: its out/cli.cjs and out/server.cjs exist. */
export function prepareBaseline(root, ref) {
    const commit = commitOf(root, ref);
    const dir = join(root, '.cache', 'bench-baseline', commit);
    const ready = join(dir, '.built');
    if (existsSync(ready)) return { commit, root: dir };
    console.error(`[bench] building the baseline ${ref} (${commit.slice(0, 7)}) into ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const archive = execFileSync('git', ['archive', '--format=tar', commit], { cwd: root, maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    const run = (command, args) => {
        const result = spawnSync(command, args, { cwd: dir, stdio: ['ignore', 2, 2], env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' } });
        if (result.status !== 0) throw new Error(`baseline build: \`${command} ${args.join(' ')}\` failed in ${dir}`);
    };
    // Same lock file: share this checkout's node_modules (saves an install); otherwise install the baseline's own.
    const sameDependencies = readFileSync(join(root, 'package-lock.json'), 'utf8') === readFileSync(join(dir, 'package-lock.json'), 'utf8');
    if (sameDependencies) {
        symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
        run('npm', ['run', 'build']);
    } else {
        run('npm', ['ci', '--ignore-scripts']);
        run('npm', ['run', 'build']);
    }
    for (const bundle of ['out/cli.cjs', 'out/server.cjs']) {
        if (!existsSync(join(dir, bundle))) throw new Error(`baseline build: ${bundle} missing in ${dir}`);
    }
    writeFileSync(ready, `${commit}\n`);
    return { commit, root: dir };
}
