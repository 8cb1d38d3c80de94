import { readFileSync } from 'node:fs';
import type { LangiumDocument } from 'langium';
import { AstUtils, DefaultLinker, DefaultReferenceDescriptionProvider, DefaultReferences, EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { Protocol, State } from '../../language/generated/ast.js';
import { isState } from '../../language/generated/ast.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { mutate } from '../fuzz/mutations.js';
import { HAS_SHARED, OWN_CASES, OWN_EXAMPLES, SHARED_EXAMPLES } from '../support/paths.js';
import { rpcstateFilesUnder } from '../support/rpcstate-files.js';

/**
 * The edit loop links lazily and keeps no reference index (language/workspace/);
 * find references scans the state's machine instead. These tests hold that
 * answer to the one Langium gives with eager linking and its global index.
 */
const lean = createRpcstateServices(EmptyFileSystem);
const eager = createRpcstateServices(EmptyFileSystem, {
    references: { Linker: services => new DefaultLinker(services), References: services => new DefaultReferences(services) },
    workspace: { ReferenceDescriptionProvider: services => new DefaultReferenceDescriptionProvider(services) },
});
const parseLean = parseHelper<Protocol>(lean.Rpcstate);
const parseEager = parseHelper<Protocol>(eager.Rpcstate);

const files = [...rpcstateFilesUnder(OWN_EXAMPLES), ...rpcstateFilesUnder(OWN_CASES), ...(HAS_SHARED ? rpcstateFilesUnder(SHARED_EXAMPLES) : [])];
const texts = files.map(file => ({ name: file, text: readFileSync(file, 'utf8') }));
// Broken variants too: duplicate names, unknown targets, recovered machines.
const broken = mutate(readFileSync(files[0], 'utf8'), 40, 7).map((m, i) => ({ name: `mutation ${i} (${m.mutations.join(', ')})`, text: m.text }));

function states(document: LangiumDocument<Protocol>): State[] {
    return AstUtils.streamAst(document.parseResult.value).filter(isState).toArray();
}

/** Each state's references as `line:character` of their target names, sorted, with the declaration or without. */
function referencesOf(services: typeof lean, document: LangiumDocument<Protocol>, includeDeclaration: boolean): string[][] {
    return states(document).map(state => services.Rpcstate.references.References
        .findReferences(state, { includeDeclaration, documentUri: document.uri })
        .map(ref => `${ref.segment.range.start.line}:${ref.segment.range.start.character}-${ref.segment.range.end.character}`)
        .toArray().sort());
}

describe('references without eager linking or an index', () => {
    it.each([...texts, ...broken])('finds what eager linking and the index find: $name', async ({ text }) => {
        await clearDocuments(lean.shared);
        await clearDocuments(eager.shared);
        const leanDocument = await parseLean(text, { validation: true });
        const eagerDocument = await parseEager(text, { validation: true });
        for (const includeDeclaration of [false, true]) {
            expect(referencesOf(lean, leanDocument, includeDeclaration)).toEqual(referencesOf(eager, eagerDocument, includeDeclaration));
        }
        const findings = (document: LangiumDocument) => document.diagnostics?.map(d => ({ code: d.code, message: d.message, range: d.range }));
        expect(findings(leanDocument)).toEqual(findings(eagerDocument));
    });

    it('resolves nothing while building, and a target on first access', async () => {
        await clearDocuments(lean.shared);
        const document = await parseLean('protocol P\nclient C {\n  initial state A { call on exception -> End -> B }\n  state B { await RpcCallComplete -> End }\n  end state End\n}\n', { validation: true });
        expect(document.references).toEqual([]);
        const [a, b] = states(document);
        expect(lean.shared.workspace.IndexManager.findAllReferences(b, lean.Rpcstate.workspace.AstNodeLocator.getAstNodePath(b)).count()).toBe(0);
        expect(a.transitions[1].target.ref).toBe(b);
        expect(document.references).toHaveLength(1);
    });

    it('gives a duplicate state no references: its name resolves to the first state of that name', async () => {
        await clearDocuments(lean.shared);
        const initial = '  initial state A { call on exception -> End -> B }';
        const document = await parseLean(`protocol P\nclient C {\n${initial}\n  state B { -> End }\n  state B { -> End }\n  end state End\n}\n`, { validation: true });
        const [, first, second] = states(document);
        const b = initial.lastIndexOf('B');
        expect(referencesOf(lean, document, false)[1]).toEqual([`2:${b}-${b + 1}`]);
        expect(lean.Rpcstate.references.References.findReferences(first, { includeDeclaration: false }).count()).toBe(1);
        expect(lean.Rpcstate.references.References.findReferences(second, { includeDeclaration: false }).count()).toBe(0);
    });
});
