import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

/**
 * Every shell command README.md, client/README.md and docs/ show is either
 * run by a test, which is named here and must contain the evidence (the
 * command, or the part it runs as written), or listed as not run, with why.
 * A new command in the docs fails this test until it is one or the other,
 * so a documented command cannot quietly stop working.
 */
interface RunBy { test: string; evidence: string }

/** `$ npx rpcstate …` transcripts: run, and their output compared, by the transcript test. */
const TRANSCRIPTS: RunBy = { test: 'test/docs/readme-transcripts.test.ts', evidence: '$ npx rpcstate' };

const RUN: Record<string, RunBy> = {
    'npm install && npm start': { test: 'test/docs/start-script.test.ts', evidence: "'scripts/start.sh'" },
    'npm run pack:cli': { test: 'test/package/npm-package.test.ts', evidence: "'pack-cli.mjs'" },
    'cd your-project && npm install --save-dev /path/to/rpcstate-<version>.tgz': { test: 'test/package/npm-package.test.ts', evidence: 'npm install --save-dev ./' },
    'npm install --save-dev ./rpcstate-0.1.0.tgz': { test: 'test/package/npm-package.test.ts', evidence: 'npm install --save-dev ./' },
    'npx rpcstate check specs/': { test: 'test/package/npm-package.test.ts', evidence: "'npx rpcstate check specs/'" },
    'npx rpcstate check specs --format sarif > rpcstate.sarif': { test: 'test/package/npm-package.test.ts', evidence: "'npx rpcstate check specs --format sarif > rpcstate.sarif'" },
    'npm install --save-dev typescript @types/node': { test: 'test/docs/doc-commands.test.ts', evidence: 'npm install --save-dev typescript @types/node' },
    'npx rpcstate generate spec/tables.rpcstate --out gen': { test: 'test/docs/doc-commands.test.ts', evidence: 'npx rpcstate generate spec/tables.rpcstate --out gen' },
    'npx tsc -p gen': { test: 'test/docs/doc-commands.test.ts', evidence: 'npx tsc -p gen' },
    'node --test gen/js/*.paths.test.js': { test: 'test/docs/doc-commands.test.ts', evidence: 'node --test gen/js/*.paths.test.js' },
    'npx rpcstate check': { test: 'test/package/npm-package.test.ts', evidence: "'npx rpcstate check specs/documented-tables.rpcstate specs/pipe-upload.rpcstate'" },
};

const NOT_RUN: Record<string, string> = {
    'npx rpcstate check PATH... [--format text|json|sarif]': 'a synopsis with placeholders, not a command; test/cli/ runs each option',
    'npm test': 'the test command itself: .ci/run runs it on a fresh clone',
    'npm install --save-dev rpcstate': 'the package is not on the registry yet, and tests have no network (the tarball form is run)',
    'npm install --no-save rpcstate': 'the registry again: a GitHub workflow step, not run here (the tarball form is run)',
    'npm run bench -- --baseline v0.1.0': 'a benchmark runs for minutes and prints figures; benchmarks are never tests',
    'npm run bench -- --baseline 500200b --only core,lsp': 'a benchmark, as above',
    'npm run bench -- --only long --long-session-edits 20000': 'a benchmark, as above',
};

const COMMAND = /^(\$ |npm |npx |node |cd |bash |sh )/;

/** Commands in fenced blocks: sh/bash/untyped lines that start like a command, `$ ` transcripts, and `run:` / `entry:` in YAML. */
function commandsOf(page: string): string[] {
    const found: string[] = [];
    for (const [, lang, body] of readFileSync(join(REPO_ROOT, page), 'utf8').matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)) {
        for (const raw of body.split('\n')) {
            const line = raw.trim();
            if (lang === 'yaml') {
                const step = /^(?:- )?(?:run|entry): (.+)$/.exec(line);
                if (step) found.push(step[1].trim());
            } else if (['', 'sh', 'bash', 'shell', 'console'].includes(lang) && COMMAND.test(line)) {
                found.push(line.replace(/\s+# .*$/, '').trim());
            }
        }
    }
    return found;
}

const pages = ['README.md', 'client/README.md', ...readdirSync(join(REPO_ROOT, 'docs')).filter(f => f.endsWith('.md')).map(f => `docs/${f}`)];
const documented = [...new Set(pages.flatMap(commandsOf))];

describe('shell commands in README.md, client/README.md and docs/', () => {
    it('are found (the quick start, the install, the generated code, the transcripts)', () => {
        expect(documented).toContain('npm install && npm start');
        expect(documented).toContain('npx tsc -p gen');
        expect(documented.filter(c => c.startsWith('$ npx rpcstate')).length).toBeGreaterThanOrEqual(3);
    });

    it('are each run by a named test that holds the command, or listed as not run with a reason', () => {
        const unaccounted = documented.filter(c => !c.startsWith('$ npx rpcstate') && !(c in RUN) && !(c in NOT_RUN));
        expect(unaccounted, 'add each to RUN (with the test that runs it) or NOT_RUN (with why)').toEqual([]);
        for (const command of documented) {
            const by = command.startsWith('$ npx rpcstate') ? TRANSCRIPTS : RUN[command];
            if (!by) continue;
            expect(existsSync(join(REPO_ROOT, by.test)), `${command}: ${by.test}`).toBe(true);
            expect(readFileSync(join(REPO_ROOT, by.test), 'utf8'), `${command}: ${by.test} does not hold "${by.evidence}"`).toContain(by.evidence);
        }
    });

    it('lists no command the docs no longer show', () => {
        expect(Object.keys(RUN).filter(c => !documented.includes(c))).toEqual([]);
        expect(Object.keys(NOT_RUN).filter(c => !documented.includes(c))).toEqual([]);
    });
});
