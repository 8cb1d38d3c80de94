import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../language/analysis/diagnostic-codes.js';
import { HAS_SHARED, SHARED_EXAMPLES } from '../support/paths.js';
import { spawnCli } from '../support/spawn-cli.js';

const BROKEN = 'protocol P\nserver S {\n  initial state D {\n    dispatch\n    -> End\n  }\n  end state End\n}\n';

const require = createRequire(import.meta.url);
// The official SARIF 2.1.0 schema (draft-04), as shipped by Microsoft's @microsoft/jest-sarif.
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

// Both packages are CommonJS with a `default` export: take it explicitly under NodeNext.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;

function validator() {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    return ajv.compile(schema);
}

describe.skipIf(!HAS_SHARED)('rpcstate check --format sarif', () => {
    const result = HAS_SHARED ? spawnCli(['check', '--format', 'sarif', SHARED_EXAMPLES]) : undefined;

    it('validates against the SARIF 2.1.0 schema', () => {
        const validate = validator();
        const log = JSON.parse(result!.stdout);
        const valid = validate(log);
        expect(validate.errors ?? []).toEqual([]);
        expect(valid).toBe(true);
        expect(result!.status).toBe(1);
    });

    it('has rule metadata for every code, and each result points at its rule', () => {
        const run = JSON.parse(result!.stdout).runs[0];
        expect(run.tool.driver.rules.map((r: { id: string }) => r.id).sort()).toEqual([...DIAGNOSTIC_CODES.keys()].sort());
        for (const rule of run.tool.driver.rules) {
            expect(rule.shortDescription.text.length).toBeGreaterThan(10);
            expect(rule.helpUri).toContain(`#${rule.id}`);
        }
        expect(run.results.length).toBeGreaterThan(10);
        for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
        const withPath = run.results.find((r: SarifResult) => r.ruleId === 'complete-before-notification' && r.locations[0].physicalLocation.artifactLocation.uri.endsWith('client-order.rpcstate'));
        expect(withPath.codeFlows[0].threadFlows[0].locations.length).toBe(3);
        // ../shared is outside this repository: an absolute file URI, not one relative to %SRCROOT%.
        expect(withPath.locations[0].physicalLocation.artifactLocation).toEqual({ uri: pathToFileURL(join(SHARED_EXAMPLES, 'lint', 'client-order.rpcstate')).href });
    });

    it('the schema check is real: a broken log is rejected', () => {
        const validate = validator();
        const log = JSON.parse(result!.stdout);
        log.runs[0].results[0].level = 'fatal';
        expect(validate(log)).toBe(false);
        expect(validate({ version: '2.1.0' })).toBe(false);
    });

    it('with --sarif-base, names the files relative to that folder', () => {
        const based = spawnCli(['check', '--format', 'sarif', '--sarif-base', '..', join('..', 'shared', 'examples', 'lint', 'sides.rpcstate')]);
        const run = JSON.parse(based.stdout).runs[0];
        expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'shared/examples/lint/sides.rpcstate', uriBaseId: '%SRCROOT%' });
        expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(resolve('..')).href + '/');
    });
});

interface SarifResult {
    ruleId: string;
    locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }>;
}

describe('SARIF URIs for code scanning: relative to the repository root', () => {
    let repo: string;
    beforeAll(() => {
        // A repository (a .git folder is all the search looks for) with the spec two folders down, and a name that needs encoding.
        repo = mkdtempSync(join(tmpdir(), 'rpcstate-sarif-'));
        mkdirSync(join(repo, '.git'));
        mkdirSync(join(repo, 'specs', 'my calls'), { recursive: true });
        writeFileSync(join(repo, 'specs', 'my calls', 'broken.rpcstate'), BROKEN);
    });
    afterAll(() => rmSync(repo, { recursive: true, force: true }));

    it('from a subfolder, names files relative to the folder holding .git, with %SRCROOT% as their base', () => {
        const result = spawnCli(['check', '--format', 'sarif', join('my calls', 'broken.rpcstate')], { cwd: join(repo, 'specs') });
        expect(result.status).toBe(1);
        const log = JSON.parse(result.stdout);
        const validate = validator();
        expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
        const run = log.runs[0];
        expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: pathToFileURL(repo).href + '/' } });
        const expected = { uri: 'specs/my%20calls/broken.rpcstate', uriBaseId: '%SRCROOT%' };
        expect(run.artifacts[0].location).toEqual(expected);
        expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual(expected);
        for (const flow of run.results[0].codeFlows[0].threadFlows[0].locations) expect(flow.location.physicalLocation.artifactLocation).toEqual(expected);
        for (const related of run.results[0].relatedLocations) expect(related.physicalLocation.artifactLocation).toEqual(expected);
    });

    it('an absolute path inside the repository is made relative too', () => {
        const result = spawnCli(['check', '--format', 'sarif', join(repo, 'specs')], { cwd: join(repo, 'specs', 'my calls') });
        expect(JSON.parse(result.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('specs/my%20calls/broken.rpcstate');
    });

    it('without a repository, the current folder is the base', () => {
        const outside = mkdtempSync(join(tmpdir(), 'rpcstate-sarif-norepo-'));
        try {
            writeFileSync(join(outside, 'broken.rpcstate'), BROKEN);
            const run = JSON.parse(spawnCli(['check', '--format', 'sarif', 'broken.rpcstate'], { cwd: outside }).stdout).runs[0];
            expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(outside).href + '/');
            expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'broken.rpcstate', uriBaseId: '%SRCROOT%' });
        } finally {
            rmSync(outside, { recursive: true, force: true });
        }
    });

    it('--sarif-base that is not a folder: one line, exit 2, nothing on stdout', () => {
        const result = spawnCli(['check', '--format', 'sarif', '--sarif-base', join(repo, 'nowhere'), join(repo, 'specs')]);
        expect(result.status).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr.trim().split('\n')).toEqual([`rpcstate: --sarif-base ${join(repo, 'nowhere')}: not a folder`]);
    });
});
