import { readFileSync } from 'node:fs';
import { EmptyFileSystem, URI } from 'langium';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyzeComposition } from '../../language/analysis/composition/analyze-composition.js';
import type { Protocol } from '../../language/generated/ast.js';
import { buildProtocolModel } from '../../language/model/model-builder.js';
import { checkSources } from '../../language/pipeline/check-files.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { HAS_SHARED, OWN_EXAMPLES, SHARED_EXAMPLES } from '../support/paths.js';
import { rpcstateFilesUnder } from '../support/rpcstate-files.js';
import { mutate } from './mutations.js';

/**
 * Nothing a user can type crashes anything: mutated example files go through
 * parse + link + validate (the editor's build) and through the CLI's check,
 * and each must finish, without an exception escaping, well under a second.
 */
const seeds = [...(HAS_SHARED ? rpcstateFilesUnder(SHARED_EXAMPLES) : []), ...rpcstateFilesUnder(OWN_EXAMPLES)];
const PER_FILE = Math.ceil(2_400 / seeds.length);
const services = createRpcstateServices(EmptyFileSystem);
let counter = 0;

async function buildAndValidate(text: string): Promise<number> {
    const uri = URI.parse(`memory:///fuzz-${counter++}.rpcstate`);
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    services.shared.workspace.LangiumDocuments.addDocument(document);
    try {
        await services.shared.workspace.DocumentBuilder.build([document], { validation: true });
        return document.diagnostics?.length ?? 0;
    } finally {
        services.shared.workspace.LangiumDocuments.deleteDocument(uri);
    }
}

/** Runs one input both ways; returns the slower time in ms. */
async function survive(text: string): Promise<number> {
    const started = performance.now();
    await buildAndValidate(text);
    const report = await checkSources(services, [{ path: 'fuzz.rpcstate', text }]);
    expect(report.files).toHaveLength(1);
    return performance.now() - started;
}

describe('fuzzing parse + validate', () => {
    // Langium catches an exception thrown by a validation check and logs it with
    // console.error: a crash in the analysis would otherwise pass unseen.
    let consoleError: ReturnType<typeof vi.spyOn>;
    beforeEach(() => { consoleError = vi.spyOn(console, 'error'); });
    afterEach(() => {
        expect(consoleError).not.toHaveBeenCalled();
        consoleError.mockRestore();
    });

    it(`survives ${PER_FILE * seeds.length} mutated versions of ${seeds.length} example files`, async () => {
        let total = 0;
        let slowest = 0;
        for (const [index, file] of seeds.entries()) {
            for (const variant of mutate(readFileSync(file, 'utf8'), PER_FILE, 1000 + index)) {
                const ms = await survive(variant.text);
                slowest = Math.max(slowest, ms);
                total++;
            }
        }
        expect(total).toBeGreaterThanOrEqual(2_000);
        // A hang guard, not a latency check (typical inputs take a few ms; npm run bench measures
        // speed): generous, so that a loaded CI machine's pauses never fail it, while a blow-up does.
        expect(slowest).toBeLessThan(10_000);
    }, 300_000);

    it('runs the client × server check on mutated versions, even of machines with errors of their own, without a throw', () => {
        // The gate normally keeps machines with errors out; here only well-formedness gates, so the
        // exploration meets every oddity the mutations make (unknown actions, wrong sides, odd outcomes).
        const composable = seeds.filter(file => /^client /m.test(readFileSync(file, 'utf8')) && /^server /m.test(readFileSync(file, 'utf8')));
        let explored = 0;
        let deadlocks = 0;
        for (const [index, file] of composable.entries()) {
            for (const variant of mutate(readFileSync(file, 'utf8'), 40, 5000 + index)) {
                const document = services.shared.workspace.LangiumDocumentFactory.fromString(variant.text, URI.parse(`memory:///composition-${counter++}.rpcstate`));
                const model = buildProtocolModel(document.parseResult.value as Protocol);
                const result = analyzeComposition(model, [], { budget: 100_000 });
                if (result.status !== 'not-run') explored++;
                deadlocks += result.deadlocks.length;
                for (const f of result.findings) expect(f.path === undefined || f.path.length > 0).toBe(true);
            }
        }
        expect(explored).toBeGreaterThan(100);
        expect(deadlocks).toBeGreaterThan(0);
    }, 120_000);

    it('survives 10,000-deep nesting of braces, alone and inside a state', async () => {
        const deep = '{'.repeat(10_000) + '}'.repeat(10_000);
        expect(await survive(deep)).toBeLessThan(1_000);
        expect(await survive(`protocol P\nclient C {\n initial state A {\n${deep}\n -> End }\n end state End\n}\n`)).toBeLessThan(1_000);
        expect(await survive('{'.repeat(10_000))).toBeLessThan(1_000);
    });

    it('survives random bytes, control characters and lone surrogates', async () => {
        const samples = [
            '\u0000\u0001\u0002', '\uD800\uDC00\uD800', 'protocol \u202Eevil', '"'.repeat(5000), '/*'.repeat(3000), '->'.repeat(5000),
            'protocol P\nclient C { initial state A { call on success -> ' + 'A '.repeat(5000) + '} end state End }',
        ];
        for (const text of samples) expect(await survive(text)).toBeLessThan(1_000);
    });

    it('reports a syntax error for garbage rather than nothing', async () => {
        expect(await buildAndValidate('this is not a protocol')).toBeGreaterThan(0);
    });
});
