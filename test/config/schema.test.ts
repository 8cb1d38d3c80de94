// schema/rpcstate.schema.json (contributed to VS Code through
// package.json's jsonValidation) says what language/config/rpcstate-config.ts
// accepts: the same codes, settings and keys.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../language/analysis/diagnostic-codes.js';
import { ConfigError, parseConfig } from '../../language/config/rpcstate-config.js';
import { REQUIRED_FILES } from '../../scripts/vsix-contents.mjs';
import { REPO_ROOT } from '../support/paths.js';

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'rpcstate.schema.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const validate = new Ajv.default({ allErrors: true, strict: false }).compile(schema);

const accepts = (config: unknown) => {
    try {
        parseConfig(JSON.stringify(config), 'rpcstate.json');
        return true;
    } catch (error) {
        if (error instanceof ConfigError) return false;
        throw error;
    }
};

describe('the rpcstate.json schema', () => {
    it('lists every diagnostic code, and no other', () => {
        expect(Object.keys(schema.properties.codes.properties).sort()).toEqual([...DIAGNOSTIC_CODES.keys()].sort());
        expect(schema.properties.codes.additionalProperties).toBe(false);
    });

    it('agrees with the parser on good and bad configurations', () => {
        const cases: unknown[] = [
            {},
            { $schema: './node_modules/rpcstate/schema/rpcstate.schema.json', codes: { 'unreachable-state': 'off', 'unhandled-outcome': 'error' }, ignore: ['generated/'] },
            { codes: { 'missing-completion': 'info' } },
            { codes: { syntax: 'error' } },
            { codes: { syntax: 'off' } },
            { codes: { 'no-such-code': 'off' } },
            { codes: { 'unreachable-state': 'loud' } },
            { rules: {} },
            { ignore: 'generated/' },
            { ignore: [1] },
            [],
        ];
        for (const config of cases) expect(validate(config), JSON.stringify(config)).toBe(accepts(config));
        expect(cases.filter(accepts)).toHaveLength(4);
    });

    it('is contributed to VS Code for rpcstate.json files and packaged in the vsix', () => {
        expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: 'rpcstate.json', url: './schema/rpcstate.schema.json' }]);
        expect(REQUIRED_FILES).toContain('schema/rpcstate.schema.json');
        expect(manifest.contributes.configuration.properties['rpcstate.configFile'].type).toBe('string');
    });
});
