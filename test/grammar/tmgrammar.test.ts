// Runs the TextMate grammar tests (scripts/test-grammar.mjs, which drives
// vscode-tmgrammar-test) and checks that they cannot pass vacuously.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = path.join(root, 'scripts', 'test-grammar.mjs');
const grammarDir = path.join(root, 'test', 'grammar');
const require = createRequire(import.meta.url);

/** At least this many ^ / <- assertions must run (365 when this was written). */
const MIN_ASSERTIONS = 350;
const TEST_FILES = [
    'async-call.test.rpcstate',
    'polling-client.test.rpcstate',
    'constructs.test.rpcstate',
    'markdown-injection.test.md'
];

interface Summary { files: number; lines: number; assertions: number; failures: number; errors: number }

function runScript(args: string[] = []): { status: number | null; output: string; summary?: Summary } {
    const result = spawnSync(process.execPath, [script, ...args], {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' }
    });
    if (result.error) throw result.error;
    const output = `${result.stdout}\n${result.stderr}`;
    const m = /grammar tests: files=(\d+) lines=(\d+) assertions=(\d+) failures=(\d+) errors=(\d+)/.exec(result.stdout);
    const summary = m
        ? { files: +m[1], lines: +m[2], assertions: +m[3], failures: +m[4], errors: +m[5] }
        : undefined;
    return { status: result.status, output, summary };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rpcstate-grammar-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeCase(name: string, lines: string[]): string {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    return file;
}

describe('TextMate grammar tests (vscode-tmgrammar-test)', () => {
    it('pass, and check every test file and enough assertions', () => {
        const { status, output, summary } = runScript();
        expect(output).not.toMatch(/failed|aborted|can't parse/);
        expect(status, output).toBe(0);
        expect(summary, output).toBeDefined();
        expect(summary!.files).toBeGreaterThanOrEqual(TEST_FILES.length);
        expect(summary!.assertions).toBeGreaterThanOrEqual(MIN_ASSERTIONS);
        expect(summary!.lines).toBeGreaterThan(100);
        expect(summary!.failures).toBe(0);
        expect(summary!.errors).toBe(0);
        for (const name of TEST_FILES) {
            expect(output).toContain(`${name} run successfuly`);
        }
    }, 120_000);

    it('fail on a wrong scope assertion, and pass the same line asserted right', () => {
        const good = writeCase('good.test.rpcstate', [
            '// SYNTAX TEST "source.rpcstate"',
            'protocol X',
            '// <-------- storage.type.protocol.rpcstate',
            '//       ^ entity.name.type.protocol.rpcstate'
        ]);
        const bad = writeCase('bad.test.rpcstate', [
            '// SYNTAX TEST "source.rpcstate"',
            'protocol X',
            '// <-------- keyword.operator.arrow.rpcstate'
        ]);
        const passed = runScript([good]);
        expect(passed.status, passed.output).toBe(0);
        expect(passed.summary).toMatchObject({ files: 1, lines: 1, assertions: 2, failures: 0 });

        const failed = runScript([bad]);
        expect(failed.status, failed.output).not.toBe(0);
        expect(failed.output).toContain('missing required scopes: keyword.operator.arrow.rpcstate');
        expect(failed.summary?.failures).toBeGreaterThanOrEqual(1);
    }, 120_000);

    it('fail on a scope that an assertion excludes', () => {
        const bad = writeCase('excluded.test.rpcstate', [
            '// SYNTAX TEST "source.rpcstate"',
            '  state S { call on exception -> End }',
            '//                 ^^^^^^^^^ - support.constant.outcome.rpcstate'
        ]);
        const failed = runScript([bad]);
        expect(failed.status, failed.output).not.toBe(0);
        expect(failed.output).toContain('prohibited scopes: support.constant.outcome.rpcstate');
    }, 120_000);

    it('fail on a test file that asserts nothing', () => {
        const empty = writeCase('empty.test.rpcstate', ['// SYNTAX TEST "source.rpcstate"', 'protocol X']);
        const failed = runScript([empty]);
        expect(failed.status, failed.output).not.toBe(0);
        expect(failed.output).toContain('asserts nothing');
    }, 120_000);

    it('owe the Markdown results to the injection grammar', () => {
        // The same grammars without markdown.rpcstate.codeblock: the fences
        // fall back to the stub's generic rule and the Markdown test must fail.
        const config = JSON.parse(fs.readFileSync(path.join(grammarDir, 'grammars.json'), 'utf8'));
        const dir = fs.mkdtempSync(path.join(tmp, 'config-'));
        config.contributes.grammars = config.contributes.grammars
            .filter((g: { scopeName: string }) => g.scopeName !== 'markdown.rpcstate.codeblock')
            .map((g: { path: string }) => ({ ...g, path: path.relative(dir, path.resolve(grammarDir, g.path)) }));
        const noInjection = path.join(dir, 'grammars.json');
        fs.writeFileSync(noInjection, JSON.stringify(config));

        const failed = runScript(['--config', noInjection, path.join(grammarDir, 'markdown-injection.test.md')]);
        expect(failed.status, failed.output).not.toBe(0);
        expect(failed.summary?.failures).toBeGreaterThan(10);
    }, 120_000);
});

describe('grammar consistency', () => {
    const langium = path.join(root, 'language', 'rpcstate.langium');

    it.skipIf(!fs.existsSync(langium))('scopes every keyword of language/rpcstate.langium as a keyword', async () => {
        const keywords = [...new Set(
            [...fs.readFileSync(langium, 'utf8').matchAll(/'([A-Za-z_]\w*)'/g)].map((m) => m[1])
        )];
        expect(keywords.length).toBeGreaterThanOrEqual(12);
        const { createRegistry, loadConfiguration } = require('vscode-tmgrammar-test/dist/common/index.js');
        const { grammars } = loadConfiguration(path.join(grammarDir, 'grammars.json'));
        const grammar = await createRegistry(grammars).loadGrammar('source.rpcstate');
        for (const keyword of keywords) {
            // Alone on a line, and where a name is expected: neither is a name.
            for (const line of [keyword, `state ${keyword}`, `-> ${keyword}`, `on ${keyword}`, `invoke ${keyword}`]) {
                const { tokens } = grammar.tokenizeLine(line, null);
                const token = tokens.find((t: { startIndex: number }) => t.startIndex === line.length - keyword.length);
                expect(token, `${line}`).toBeDefined();
                const scope: string = token.scopes[token.scopes.length - 1];
                expect(scope, `"${keyword}" in "${line}"`).toMatch(/^(keyword|storage)\.[a-z.-]+\.rpcstate$/);
            }
        }
    });

    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const declared: Array<Record<string, unknown>> | undefined = pkg.contributes?.grammars;

    it.skipIf(!declared)('declares the same grammars in package.json as test/grammar/grammars.json', () => {
        const tested = JSON.parse(fs.readFileSync(path.join(grammarDir, 'grammars.json'), 'utf8')).contributes.grammars;
        for (const scopeName of ['source.rpcstate', 'markdown.rpcstate.codeblock']) {
            const want = tested.find((g: { scopeName: string }) => g.scopeName === scopeName);
            const got = declared!.find((g) => g.scopeName === scopeName);
            expect(got, `package.json contributes.grammars has no ${scopeName}`).toBeDefined();
            expect(path.resolve(root, String(got!.path))).toBe(path.resolve(grammarDir, want.path));
            for (const key of ['language', 'injectTo', 'embeddedLanguages']) {
                expect(got![key], `${scopeName}.${key}`).toEqual(want[key]);
            }
        }
        const language = pkg.contributes?.languages?.find((l: { id: string }) => l.id === 'rpcstate');
        if (language?.configuration) {
            expect(path.resolve(root, language.configuration)).toBe(path.join(root, 'language-configuration.json'));
        }
    });
});
