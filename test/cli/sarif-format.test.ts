import { createRequire } from 'node:module';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../language/analysis/diagnostic-codes.js';
import { HAS_SHARED, SHARED_EXAMPLES } from '../support/paths.js';
import { spawnCli } from '../support/spawn-cli.js';

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
        const withPath = run.results.find((r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
            r.ruleId === 'complete-before-notification' && r.locations[0].physicalLocation.artifactLocation.uri.endsWith('client-order.rpcstate'));
        expect(withPath.codeFlows[0].threadFlows[0].locations.length).toBe(3);
        expect(withPath.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/.*client-order\.rpcstate$/);
    });

    it('the schema check is real: a broken log is rejected', () => {
        const validate = validator();
        const log = JSON.parse(result!.stdout);
        log.runs[0].results[0].level = 'fatal';
        expect(validate(log)).toBe(false);
        expect(validate({ version: '2.1.0' })).toBe(false);
    });

    it('keeps relative paths relative', () => {
        const relative = spawnCli(['check', '--format', 'sarif', join('..', 'shared', 'examples', 'lint', 'sides.rpcstate')]);
        const uri = JSON.parse(relative.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
        expect(uri).toBe('../shared/examples/lint/sides.rpcstate');
    });
});
