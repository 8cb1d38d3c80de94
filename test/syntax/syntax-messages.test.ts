import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { checkSources } from '../../language/pipeline/check-files.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';

const services = createRpcstateServices(EmptyFileSystem);

async function syntaxErrors(text: string): Promise<Array<{ line: number; message: string }>> {
    const report = await checkSources(services, [{ path: 'case.rpcstate', text }]);
    return report.files[0].diagnostics.map(d => ({ line: d.line, message: d.message, code: d.code }))
        .filter(d => d.code === 'syntax').map(({ line, message }) => ({ line, message }));
}

const machine = (body: string) => `protocol P\nclient C {\n  initial state A {\n${body}\n  }\n  end state End\n}\n`;

describe('parse errors read like a person wrote them', () => {
    it('a transition without its arrow', async () => {
        expect(await syntaxErrors(machine('    call\n    on success End'))).toEqual([
            { line: 5, message: 'Expected `->` and a target state after `success`, found `End`.' },
        ]);
    });

    it('an effect without its arrow is not called an outcome', async () => {
        expect(await syntaxErrors(machine('    call\n    -> End\n    invoke RpcAsyncCompleteCall'))).toEqual([
            { line: 7, message: 'Expected `->` and a target state after `RpcAsyncCompleteCall`, found `}`.' },
        ]);
    });

    it('an arrow without a target', async () => {
        expect(await syntaxErrors(machine('    call\n    on success ->'))).toEqual([
            { line: 6, message: 'Expected a target state after `->`, found `}`.' },
        ]);
    });

    it('a keyword used as a name', async () => {
        const [error] = await syntaxErrors('protocol P\nclient C {\n  initial state call { -> End }\n  end state End\n}\n');
        expect(error.message).toBe('Expected a state name after `state`, found keyword `call`. `call` is a keyword and cannot be used as a name.');
    });

    it('an unterminated description, once', async () => {
        expect(await syntaxErrors('protocol P\nclient C {\n  state A "x {\n  }\n}\n')).toEqual([
            { line: 3, message: 'Unterminated description: a string in double quotes must close on the same line.' },
        ]);
    });

    it('a missing closing brace names what it closes', async () => {
        const [error] = await syntaxErrors('protocol P\nclient C {\n  initial state A {\n    call\n    on success -> End\n  end state End\n}\n');
        expect(error.message).toContain('Expected `}` to close the state, found keyword `end`.');
    });

    it('a file that does not start with the protocol header', async () => {
        const [error] = await syntaxErrors('client C { }');
        expect(error.message).toBe('A file starts with `protocol NAME`, found keyword `client`.');
    });

    it('an action keyword without its name', async () => {
        const [error] = await syntaxErrors(machine('    invoke\n    -> End'));
        expect(error.message).toContain('Expected a catalog function after `invoke`');
    });

    it('never shows token type names', async () => {
        for (const text of ['protocol', 'protocol P client', 'protocol P client C { state }', 'protocol P server S { initial state D { dispatch on } }']) {
            for (const error of await syntaxErrors(text)) expect(error.message).not.toMatch(/token of type|ID|STRING|:KW/);
        }
    });
});
