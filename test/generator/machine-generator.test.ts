import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { describe, expect, it } from 'vitest';
import type { Protocol } from '../../language/generated/ast.js';
import { generateMachineFiles } from '../../language/generator/generate-machine-files.js';
import { GeneratorInputError, planMachineApi } from '../../language/generator/machine-api.js';
import { HANDLER_TYPES, runtimeRegion } from '../../language/generator/machine-runtime-source.js';
import { commentText, effectMethodName, handlersClassName, kebabFileStem, stateMethodName, stringLiteral } from '../../language/generator/naming.js';
import { planTransitionCoverage } from '../../language/generator/shortest-paths.js';
import { sourceRegionsOf } from '../../language/generator/source-regions.js';
import { sourceAt } from '../../language/generator/trace-mappings.js';
import { buildProtocolModel } from '../../language/model/model-builder.js';
import type { ProtocolModel } from '../../language/model/machine-model.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { documentedClient, documentedServer, endState, machine, protocol, state, t } from '../support/model-builders.js';
import { OWN_EXAMPLES, REPO_ROOT } from '../support/paths.js';

const services = createRpcstateServices(NodeFileSystem);

function parse(path: string): { model: ProtocolModel; text: string; uri: string } {
    const text = readFileSync(path, 'utf8');
    const uri = URI.file(path);
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<Protocol>(text, uri);
    return { model: buildProtocolModel(document.parseResult.value), text, uri: uri.toString() };
}

describe('naming', () => {
    it('escapes reserved words, `then` and Object.prototype members with `$`, and nothing else', () => {
        for (const name of ['delete', 'class', 'then', 'constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'default']) {
            expect(stateMethodName(name)).toBe(`${name}$`);
        }
        for (const name of ['C', 'WComp', 'then_', 'Then', 'proto', '_']) expect(stateMethodName(name)).toBe(name);
    });

    it('keeps method names apart: a state, its effects, and a default named `default`', () => {
        const names = [stateMethodName('D'), stateMethodName('then'), effectMethodName('D', 'fatal'), effectMethodName('D', 'default'), effectMethodName('D', undefined)];
        expect(names).toEqual(['D', 'then$', 'D$fatal', 'D$default', 'D$$default']);
        expect(new Set(names).size).toBe(names.length);
    });

    it('derives kebab-case file stems and class names that are always legal', () => {
        expect(['Caller', 'WaitForReply', 'HTTPServer_v2', '__proto__', 'class', '_', 'con', 'A1b'].map(kebabFileStem))
            .toEqual(['caller', 'wait-for-reply', 'http-server-v2', 'proto', 'class', 'machine', 'con-machine', 'a1b']);
        expect(['Caller', 'then', '__proto__', '_1x', '_'].map(handlersClassName))
            .toEqual(['CallerHandlers', 'ThenHandlers', 'ProtoHandlers', 'Machine1xHandlers', 'MachineHandlers']);
    });

    it('writes string literals and comment text that nothing can break out of', () => {
        const hostile = "it's */ `${x}` \\ \"q\"\n\r\u2028\u2029\u0000 end";
        const literal = stringLiteral(hostile);
        expect(literal).not.toMatch(/[\n\r\u2028\u2029\u0000]/);
        expect(new Function(`return ${literal};`)()).toBe(hostile);
        const comment = commentText(hostile);
        expect(comment).not.toContain('*/');
        expect(comment).not.toMatch(/[\n\r\u2028\u2029]/);
    });
});

describe('planning the API', () => {
    it('gives a handler to states that act or choose, not to pass-through states or End', () => {
        const api = planMachineApi(machine('client', 'M', [
            state('A', { initial: true, transitions: [t('-> B')] }),
            state('B', { transitions: [t('x -> C'), t('y -> C')] }),
            state('C', { action: 'call', transitions: [t('success -> End'), t('exception -> End')] }),
            endState(),
        ]));
        expect(api.states.map(s => s.method)).toEqual([undefined, 'B', 'C', undefined]);
        expect(api.states[2].outcomes).toEqual(['success', 'exception']);
    });

    it('refuses a model the checks would refuse', () => {
        expect(() => planMachineApi(machine('client', 'M', [state('A', { initial: true, transitions: [t('-> Nowhere')] }), endState()]))).toThrow(GeneratorInputError);
        expect(() => planMachineApi(machine('client', 'M', [state('A', { initial: true, transitions: [t('-> End'), t('-> End')] }), endState()]))).toThrow(/two default transitions/);
        expect(() => planMachineApi({ ...documentedClient(), incomplete: true })).toThrow(/did not parse completely/);
    });
});

describe('transition coverage paths', () => {
    it('covers every transition of the documented tables along shortest paths to End', () => {
        const client = planMachineApi(documentedClient());
        const plan = planTransitionCoverage(client.graph);
        const taken = new Set(plan.paths.flat());
        expect(taken.size).toBe(client.transitions.length);
        expect(plan.paths).toEqual([[0, 4, 5], [1], [2, 3, 4, 5]]);
        for (const path of plan.paths) {
            expect(client.transitions[path[0]].from.initial).toBe(true);
            expect(client.transitions[path[path.length - 1]].to.end).toBe(true);
            path.slice(1).forEach((n, i) => expect(client.transitions[n].from).toBe(client.transitions[path[i]].to));
        }
        expect(planTransitionCoverage(planMachineApi(documentedServer()).graph).uncoverable).toEqual([]);
    });

    it('leaves out transitions of unreachable states, and says which', () => {
        const api = planMachineApi(machine('client', 'M', [
            state('A', { initial: true, transitions: [t('-> End')] }),
            state('Orphan', { transitions: [t('-> A')] }),
            endState(),
        ]));
        expect(planTransitionCoverage(api.graph)).toEqual({ paths: [[0]], planned: [0], uncoverable: [1] });
    });

    it('takes every reachable transition of a longer client with loops', () => {
        const api = planMachineApi(parse(join(REPO_ROOT, 'test', 'cases', 'clean', 'polling-escalation.rpcstate')).model.machines[0]);
        const plan = planTransitionCoverage(api.graph);
        expect(new Set(plan.paths.flat()).size + plan.uncoverable.length).toBe(api.transitions.length);
    });
});

describe('the runtime (language/generator/runtime/machine-runtime.ts)', () => {
    const runtimeFile = readFileSync(join(REPO_ROOT, 'language', 'generator', 'runtime', 'machine-runtime.ts'), 'utf8');
    const regionNames = [...runtimeFile.matchAll(/^\/\/ #region (\S+)$/gm)].map(match => match[1]);

    it('reaches every generated module: each region verbatim, in the order of the file', () => {
        expect(regionNames).toEqual(['handler-types', 'table-types', 'driver-api', 'dispatch-types', 'driver-internals']);
        const generated = generateMachineFiles(parse(join(OWN_EXAMPLES, 'documented-tables.rpcstate')).model, { specName: 'x' })[0].content;
        const positions = regionNames.map(name => generated.indexOf(runtimeRegion(name, runtimeFile)));
        expect(positions.every(position => position > 0)).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        // The stand-ins between the regions stay out.
        expect(generated).not.toContain('Stand-in');
    });

    it('is imported as the text of the file, and a missing region is an error, not an empty chunk', () => {
        expect(HANDLER_TYPES).toBe(runtimeRegion('handler-types', runtimeFile));
        expect(runtimeRegion('handler-types', runtimeFile.replace(/\n/g, '\r\n'))).toBe(HANDLER_TYPES);
        expect(() => runtimeRegion('driver-api', runtimeFile.replace('// #region driver-api', ''))).toThrow('runtime/machine-runtime.ts has no region driver-api');
    });
});

describe('generated files', () => {
    const documented = join(OWN_EXAMPLES, 'documented-tables.rpcstate');

    it('are the same bytes on every run, from fresh models', () => {
        const once = generateMachineFiles(parse(documented).model, { specName: 'documented-tables.rpcstate' });
        const twice = generateMachineFiles(parse(documented).model, { specName: 'documented-tables.rpcstate' });
        expect(once.map(f => f.name)).toEqual(['caller.machine.ts', 'caller.handlers.ts', 'caller.paths.test.ts', 'manager.machine.ts', 'manager.handlers.ts', 'manager.paths.test.ts']);
        expect(twice.map(f => f.content)).toEqual(once.map(f => f.content));
    });

    it('trace each Handlers method, effect and table row back to its range in the spec', () => {
        const { model, text, uri } = parse(documented);
        const files = generateMachineFiles(model, { specName: 'x', regions: sourceRegionsOf(text, uri) });
        const caller = files.find(f => f.name === 'caller.machine.ts')!;
        const can = model.machines[0].states.find(s => s.name === 'Can')!;
        const at = sourceAt(caller.trace, caller.content.indexOf('    Can(context'));
        expect(at?.range).toEqual(can.range);
        expect(at?.uri).toBe(uri);
        expect(text.slice(at!.offset, at!.end)).toMatch(/^state Can "Cancel the call" \{[\s\S]*\}$/);

        const manager = files.find(f => f.name === 'manager.machine.ts')!;
        const fatal = model.machines[1].states[0].transitions.find(tr => tr.outcome === 'fatal')!;
        expect(sourceAt(manager.trace, manager.content.indexOf('    D$fatal(context'))?.range).toEqual(fatal.range);
        const row = manager.content.indexOf("transitionRow('D', 'fatal'");
        expect(text.slice(sourceAt(manager.trace, row)!.offset, sourceAt(manager.trace, row)!.end)).toBe('on fatal raise -> End');

        const handlers = files.find(f => f.name === 'caller.handlers.ts')!;
        expect(sourceAt(handlers.trace, handlers.content.indexOf('async Can('))?.range).toEqual(can.range);
    });

    it('write the JSDoc from the description and the catalog facts, with the outcomes and where they lead', () => {
        const caller = generateMachineFiles(parse(documented).model, { specName: 'x' })[0].content;
        expect(caller).toContain(' * State `Can`: Cancel the call');
        expect(caller).toContain(' * - The client still waits for the notification and still calls RpcAsyncCompleteCall.');
        expect(caller).toContain(' * @see https://learn.microsoft.com/windows/win32/api/rpcasync/nf-rpcasync-rpcasynccancelcall');
        expect(caller).toContain(" * - `'exception'` → `End` (the special outcome of `call`)");
        expect(caller).toContain("    'C': 'success' | 'exception' | 'fail';");
        expect(caller).toContain("    'Can': undefined;");
    });

    it('keep hostile descriptions inside their comments and strings', () => {
        const { model } = parse(join(REPO_ROOT, 'test', 'generator', 'fixtures', 'hostile-names.rpcstate'));
        const code = generateMachineFiles(model, { specName: 'x' }).map(f => f.content).join('\n');
        // In comment lines, the only comment closers are the generator's own, ending the line.
        const commentLines = code.split('\n').map(l => l.trim()).filter(l => /^(\*|\/\*\*|\/\/)/.test(l));
        expect(commentLines.filter(l => l.includes('*\\/')).length).toBeGreaterThan(0);
        for (const line of commentLines.filter(l => l.includes('*/'))) expect(line, line).toMatch(/^(\*\/|\/\*\*.*\*\/)$/);
        expect(code).not.toMatch(/[\u2028\u2029]/);
        // No handler method under an unsafe name: each one got its `$`.
        expect(code).not.toMatch(/^\s*(async )?(then|constructor|__proto__|toString|delete|class|valueOf)\(_?context/m);
        expect(code).toMatch(/^ {4}then\$\(context: HandlerContext<'then'>\)/m);
    });

    it('refuse a protocol whose machine is not well formed', () => {
        const broken = protocol(machine('client', 'C', [state('A', { initial: true, transitions: [t('-> End')] })]));
        expect(() => generateMachineFiles(broken, { specName: 'x' })).toThrow(GeneratorInputError);
    });
});
