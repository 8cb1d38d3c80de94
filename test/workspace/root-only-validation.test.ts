import type { ValidationChecks } from 'langium';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, it, vi } from 'vitest';
import type { Protocol, RpcstateAstType } from '../../language/generated/ast.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';

/** A client machine of `n` states in a chain, each with three transitions. */
function chain(n: number): string {
    const states = Array.from({ length: n }, (_, i) => `  state S${i} { invoke RpcAsyncCompleteCall -> ${i + 1 < n ? `S${i + 1}` : 'End'} on pending -> S${i} on x -> End }`);
    return `protocol P\nclient C {\n  initial state I { call on exception -> End -> S0 }\n${states.join('\n')}\n  end state End\n}\n`;
}

/**
 * The document validator reports the findings without walking the AST
 * (RpcstateDocumentValidator): the work Langium does to find checks must not
 * grow with the document, and an AST check registered later still runs.
 */
describe('validation of a language whose only check is on the root', () => {
    it('asks for checks a fixed number of times, whatever the size of the document', async () => {
        const { Rpcstate } = createRpcstateServices(EmptyFileSystem);
        const parse = parseHelper<Protocol>(Rpcstate);
        const lookups = vi.spyOn(Rpcstate.validation.ValidationRegistry, 'getChecks');
        const countFor = async (n: number) => {
            lookups.mockClear();
            await parse(chain(n), { validation: true });
            return lookups.mock.calls.length;
        };
        expect(await countFor(200)).toBe(await countFor(2));
    });

    it('walks every node again once another node type has a check', async () => {
        const { Rpcstate } = createRpcstateServices(EmptyFileSystem);
        const parse = parseHelper<Protocol>(Rpcstate);
        const checks: ValidationChecks<RpcstateAstType> = { State: (state, accept) => accept('hint', `seen ${state.name}`, { node: state, property: 'name' }) };
        Rpcstate.validation.ValidationRegistry.register(checks);
        const document = await parse(chain(3), { validation: true });
        expect(document.diagnostics?.map(d => d.message).filter(m => typeof m === 'string' && m.startsWith('seen ')).sort()).toEqual(['seen End', 'seen I', 'seen S0', 'seen S1', 'seen S2']);
    });

    it('reports the analysis findings', async () => {
        const { Rpcstate } = createRpcstateServices(EmptyFileSystem);
        const parse = parseHelper<Protocol>(Rpcstate);
        const document = await parse(chain(3).replace('-> S0 }', '-> Nowhere }'), { validation: true });
        expect(document.diagnostics?.map(d => d.code)).toContain('unknown-state');
    });
});
