import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

/**
 * Langium answers a cancelled request by returning vscode-jsonrpc's
 * ResponseError, which the connection of vscode-languageserver sends as an
 * error only if it is its own class (`instanceof`). With two copies of
 * vscode-jsonrpc installed, cancellations went out as results such as
 * `{"code":-32802}`. package.json's `overrides` keeps one copy.
 */
describe('one vscode-jsonrpc', () => {
    it('langium and vscode-languageserver load the same vscode-jsonrpc', () => {
        const jsonrpcSeenFrom = (pkg: string) => {
            const protocol = createRequire(join(REPO_ROOT, 'node_modules', pkg, 'package.json')).resolve('vscode-languageserver-protocol');
            return createRequire(protocol).resolve('vscode-jsonrpc');
        };
        expect(jsonrpcSeenFrom('langium')).toBe(jsonrpcSeenFrom('vscode-languageserver'));
    });
});
