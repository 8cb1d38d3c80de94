import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { checkSources } from '../../language/pipeline/check-files.js';
import { fixSources } from '../../language/pipeline/fix-files.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { HAS_SHARED, OWN_CASES, OWN_EXAMPLES, REPO_ROOT, SHARED_EXAMPLES } from '../support/paths.js';
import { applyAction, quickFixesFor } from '../support/lsp-in-process.js';
import { rpcstateFilesUnder } from '../support/rpcstate-files.js';
import { CLEAN_CLIENT } from '../support/clean-client.js';

/**
 * `rpcstate check --fix` applies the editor's own quick fixes (both hosts
 * call language/fixes/): what it writes is what accepting the quick fix in
 * the editor gives, and it applies only fixes the editor prefers.
 */
const services = createRpcstateServices(EmptyFileSystem);

const CLIENT = CLEAN_CLIENT;

async function fixUnattended(text: string) {
    const [fixed] = await fixSources(services, [{ path: 'spec.rpcstate', text }], []);
    return fixed;
}

function edit(text: string, from: string, to: string): string {
    expect(text, `fixture contains ${from}`).toContain(from);
    return text.replace(from, to);
}

describe('check --fix and the editor make the same edit', () => {
    const slips: Array<[string, string, string]> = [
        ['unknown-state', 'on success   -> WComp', 'on success   -> Wcomp'],
        ['unknown-action', 'await RpcCallComplete', 'await RpcCallCompleted'],
        ['unknown-action', 'await RpcCallComplete', 'invoke RpcCallComplete'],
        ['unknown-action', 'invoke RpcAsyncCompleteCall', 'invoke RpcAsyncCompleteCal'],
        ['unused-suppression', '    invoke RpcAsyncCompleteCall', '    // rpcstate-ignore-next-line double-completion -- stale\n    invoke RpcAsyncCompleteCall'],
    ];
    for (const [code, from, to] of slips) {
        it(`${code}: ${to.trim().split('\n')[0]}`, async () => {
            const text = edit(CLIENT, from, to);
            const preferred = (await quickFixesFor(text, code)).filter(o => o.action.isPreferred);
            expect(preferred, 'the editor prefers exactly one fix').toHaveLength(1);
            const fixed = await fixUnattended(text);
            expect(fixed.applied.map(a => [a.code, a.title])).toEqual([[code, preferred[0].action.title]]);
            expect(fixed.text).toBe(applyAction(text, preferred[0].action));
            expect(fixed.text).toBe(CLIENT);
        });
    }
});

describe('check --fix on every example and case', () => {
    const files = [...(HAS_SHARED ? rpcstateFilesUnder(SHARED_EXAMPLES) : []), ...rpcstateFilesUnder(OWN_EXAMPLES), ...rpcstateFilesUnder(OWN_CASES)];
    it('never breaks the syntax, never adds an error, and leaves nothing a second run would fix', async () => {
        const problems: string[] = [];
        let applied = 0;
        for (const file of files) {
            const text = readFileSync(file, 'utf8');
            const fixed = await fixUnattended(text);
            if (fixed.text === text) continue;
            applied += fixed.applied.length;
            const name = relative(REPO_ROOT, file);
            const errors = async (source: string) => (await checkSources(services, [{ path: 'spec.rpcstate', text: source }])).summary.errors;
            const after = (await checkSources(services, [{ path: 'spec.rpcstate', text: fixed.text }])).files[0].diagnostics;
            if (after.some(d => d.code === 'syntax')) problems.push(`${name}: the fixes break the syntax`);
            if (await errors(fixed.text) > await errors(text)) problems.push(`${name}: the fixes add an error`);
            if ((await fixUnattended(fixed.text)).applied.length > 0) problems.push(`${name}: a second run fixes more`);
        }
        expect(problems).toEqual([]);
        expect(applied, 'the cases hold slips the fixes repair').toBeGreaterThan(0);
    }, 120_000);
});
