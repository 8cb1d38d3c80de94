import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../language/pipeline/check-report.js';
import { HAS_SHARED, OWN_CASES, OWN_EXAMPLES, REPO_ROOT, SHARED_EXAMPLES } from '../support/paths.js';
import { spawnCli } from '../support/spawn-cli.js';

// The problem pattern VS Code applies to `rpcstate check` output in a task,
// read from the manifest: what users get is what is tested here.
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const pattern = manifest.contributes.problemPatterns.find((p: { name: string }) => p.name === 'rpcstate');
const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'rpcstate');
const regexp = new RegExp(pattern.regexp);

const inputs = [OWN_EXAMPLES, OWN_CASES, ...(HAS_SHARED ? [SHARED_EXAMPLES] : [])];

describe('the problem matcher contributed for `rpcstate check` in tasks', () => {
    it('is wired to its pattern and names the source', () => {
        expect(matcher.pattern).toBe('$rpcstate');
        expect(matcher.owner).toBe('rpcstate');
        expect(matcher.fileLocation[0]).toBe('autoDetect');
    });

    it('matches every diagnostic line of the text output, with the JSON report\'s fields, and nothing else', () => {
        const text = spawnCli(['check', ...inputs, '--no-color']);
        const json = spawnCli(['check', ...inputs, '--format', 'json']);
        const report = JSON.parse(json.stdout) as CheckReport;
        const expected = report.files.flatMap(file => file.diagnostics.map(d =>
            [file.path, String(d.line), String(d.column), d.severity, d.code, d.message].join('\u0000')));
        expect(expected.length).toBeGreaterThan(100);
        const severities = new Set(report.files.flatMap(f => f.diagnostics.map(d => d.severity)));
        expect(severities.has('error') && severities.has('warning')).toBe(true);
        const matched = text.stdout.split('\n').flatMap(line => {
            const m = regexp.exec(line);
            if (!m) return [];
            return [[m[pattern.file], m[pattern.line], m[pattern.column], m[pattern.severity], m[pattern.code], m[pattern.message]].join('\u0000')];
        });
        expect(matched).toEqual(expected);
    });
});
