#!/usr/bin/env node
// Runs the TextMate grammar tests (vscode-tmgrammar-test) on test/grammar.
//
//   node scripts/test-grammar.mjs [--config FILE] [TESTFILE...]
//
// With no TESTFILE it runs every *.test.rpcstate and *.test.md under
// test/grammar/. The grammars come from test/grammar/grammars.json, a file in
// the shape of package.json's "contributes" that lists
// syntaxes/rpcstate.tmLanguage.json, the Markdown injection
// syntaxes/rpcstate-markdown-injection.json, and a small stand-in for VS Code's
// Markdown grammar (the real one ships with VS Code, not in node_modules).
//
// The tool reports only pass/fail, so this script also asks it for an XUnit
// report (one <testcase> per asserted source line) and prints one summary line
//
//   grammar tests: files=F lines=L assertions=A failures=X errors=Y
//
// where A counts the individual ^ / <- assertions, read with the tool's own
// test-case parser. Exit status: 0 when every file ran and passed and asserts
// something, 1 otherwise, 2 on bad usage.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testDir = path.join(root, 'test', 'grammar');
const require = createRequire(import.meta.url);

function usage(message) {
    process.stderr.write(`test-grammar: ${message}\nusage: node scripts/test-grammar.mjs [--config FILE] [TESTFILE...]\n`);
    process.exit(2);
}

let config = path.join(testDir, 'grammars.json');
const files = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--config') {
        if (i + 1 >= argv.length) usage('--config needs a file');
        config = path.resolve(argv[++i]);
    } else if (argv[i].startsWith('-')) {
        usage(`unknown option ${argv[i]}`);
    } else {
        files.push(path.resolve(argv[i]));
    }
}

function findTests(dir) {
    const found = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) found.push(...findTests(full));
        else if (/\.test\.(rpcstate|md)$/.test(entry.name)) found.push(full);
    }
    return found.sort();
}

if (files.length === 0) files.push(...findTests(testDir));
if (files.length === 0) usage(`no *.test.rpcstate or *.test.md under ${path.relative(root, testDir)}`);
for (const file of files) {
    if (!fs.existsSync(file)) usage(`no such test file: ${file}`);
    // The tool expands its arguments as glob patterns.
    if (/[*?[\]{}()!]/.test(file)) usage(`glob characters in a test file path are not supported: ${file}`);
}
if (!fs.existsSync(config)) usage(`no such grammar configuration: ${config}`);

// Count what each file asserts, with the tool's own parser.
const { parseGrammarTestCase } = require('vscode-tmgrammar-test/dist/unit/parsing.js');
let lines = 0;
let assertions = 0;
const empty = [];
for (const file of files) {
    const testCase = parseGrammarTestCase(fs.readFileSync(file, 'utf8'));
    const n = testCase.assertions.reduce((sum, line) => sum + line.scopeAssertions.length, 0);
    if (n === 0) empty.push(file);
    lines += testCase.assertions.length;
    assertions += n;
}

// Paths inside the repository are given relative to it, for shorter messages.
function shortName(file) {
    const relative = path.relative(root, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

const tool = path.join(path.dirname(require.resolve('vscode-tmgrammar-test/package.json')), 'dist', 'unit.js');
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpcstate-tmgrammar-'));
let status;
let failures = 0;
let errors = 0;
let cases = 0;
let suites = 0;
try {
    const result = spawnSync(
        process.execPath,
        [tool, '--config', config, '--xunit-report', reportDir, ...files.map(shortName)],
        { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } }
    );
    if (result.error) throw result.error;
    status = result.status;
    for (const name of fs.existsSync(reportDir) ? fs.readdirSync(reportDir) : []) {
        const xml = fs.readFileSync(path.join(reportDir, name), 'utf8');
        for (const suite of xml.matchAll(/<testsuite\b[^>]*>/g)) {
            suites++;
            failures += Number(/\bfailures="(\d+)"/.exec(suite[0])?.[1] ?? 0);
            errors += Number(/\berrors="(\d+)"/.exec(suite[0])?.[1] ?? 0);
        }
        cases += [...xml.matchAll(/<testcase\b/g)].length;
    }
} finally {
    fs.rmSync(reportDir, { recursive: true, force: true });
}

console.log(`grammar tests: files=${files.length} lines=${cases} assertions=${assertions} failures=${failures} errors=${errors}`);

const problems = [];
if (status !== 0) problems.push(`vscode-tmgrammar-test exited with status ${status}`);
if (suites !== files.length) problems.push(`the tool reported ${suites} of ${files.length} test files`);
if (cases !== lines) problems.push(`the tool checked ${cases} asserted lines, the test files have ${lines}`);
if (failures + errors > 0) problems.push(`${failures} failed assertions, ${errors} errors`);
for (const file of empty) problems.push(`${shortName(file)} asserts nothing`);
if (problems.length > 0) {
    for (const problem of problems) console.error(`test-grammar: ${problem}`);
    process.exit(1);
}
