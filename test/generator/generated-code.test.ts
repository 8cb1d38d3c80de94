import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFromSpec } from '../../language/pipeline/generate-files.js';
import type { Protocol } from '../../language/generated/ast.js';
import { buildProtocolModel } from '../../language/model/model-builder.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { HAS_SHARED, OWN_CASES, OWN_EXAMPLES, REPO_ROOT, SHARED_EXAMPLES } from '../support/paths.js';

/**
 * Generates code for every clean spec the project has, compiles all of it in
 * one tsc run under the strict flags the generated code promises (and a few
 * more that users turn on), runs every generated node:test suite in one Node
 * process, and drives the documented client through its compiled module.
 */
const STRICT_FLAGS = {
    strict: true, noUnusedLocals: true, noUnusedParameters: true, exactOptionalPropertyTypes: true, isolatedModules: true,
    noImplicitOverride: true,
    // Beyond the promise: flags users turn on, which the generated code must survive too.
    noUncheckedIndexedAccess: true, noImplicitReturns: true, noFallthroughCasesInSwitch: true, noPropertyAccessFromIndexSignature: true,
    verbatimModuleSyntax: true, erasableSyntaxOnly: true,
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext',
    types: ['node'], typeRoots: [join(REPO_ROOT, 'node_modules', '@types')],
    rootDir: '.', outDir: 'js', skipLibCheck: true,
};
const FIXTURES = join(REPO_ROOT, 'test', 'generator', 'fixtures');
const HOSTILE = join(FIXTURES, 'hostile-names.rpcstate');

const topLevel = (folder: string) => readdirSync(folder).filter(name => name.endsWith('.rpcstate')).sort().map(name => join(folder, name));
const specs = [
    ...(HAS_SHARED ? topLevel(SHARED_EXAMPLES) : []),
    ...topLevel(OWN_EXAMPLES),
    ...topLevel(join(OWN_CASES, 'clean')),
    HOSTILE,
];

let root: string;
let tsc: { status: number | null; output: string };
let tests: { status: number | null; output: string };
const folders = new Map<string, string>();
const keptHandlers = { before: '', after: '' };

function stateOf(output: string, key: string): number {
    return Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(output)?.[1] ?? NaN);
}

beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'rpcstate-generated-'));
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: STRICT_FLAGS, include: ['**/*.ts'], exclude: ['js'] }));
    const services = createRpcstateServices(NodeFileSystem);
    for (const [i, spec] of specs.entries()) {
        const out = join(root, `${String(i).padStart(2, '0')}-${basename(spec, '.rpcstate')}`);
        const result = await generateFromSpec(services, spec, { out });
        if (result.kind !== 'generated') throw new Error(`${spec} was refused: ${JSON.stringify(result.report.summary)}`);
        folders.set(spec, out);
    }
    const documented = folders.get(join(OWN_EXAMPLES, 'documented-tables.rpcstate'))!;
    copyFileSync(join(FIXTURES, 'documented-client.ts'), join(documented, 'documented-client.ts'));
    copyFileSync(join(FIXTURES, 'handler-breaks-machine.ts'), join(documented, 'handler-breaks-machine.ts'));

    // A user's handler written against one spec, then the spec changes under it.
    const evolving = join(root, 'evolving');
    mkdirSync(evolving);
    const spec = join(evolving, 'caller.rpcstate');
    const original = readFileSync(join(OWN_EXAMPLES, 'documented-tables.rpcstate'), 'utf8');
    writeFileSync(spec, original);
    await generateFromSpec(services, spec);
    keptHandlers.before = readFileSync(join(FIXTURES, 'documented-client.ts'), 'utf8')
        .replace("return this.result;", "return this.result === 'fail' ? 'fail' : this.result; // names 'fail' itself");
    writeFileSync(join(evolving, 'caller.handlers.ts'), keptHandlers.before);
    writeFileSync(spec, original.replace('on fail      -> Can', 'on failed    -> Can'));
    await generateFromSpec(services, spec);
    keptHandlers.after = readFileSync(join(evolving, 'caller.handlers.ts'), 'utf8');

    const compiled = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', root], { encoding: 'utf8', cwd: root });
    tsc = { status: compiled.status, output: compiled.stdout + compiled.stderr };
    const suites = readdirSync(join(root, 'js'), { recursive: true, encoding: 'utf8' }).filter(file => file.endsWith('.paths.test.js')).sort().map(file => join(root, 'js', file));
    const ran = spawnSync(process.execPath, ['--test', '--test-reporter=tap', ...suites], { encoding: 'utf8', cwd: root, timeout: 120_000 });
    tests = { status: ran.status, output: ran.stdout + ran.stderr };
}, 240_000);

afterAll(() => {
    if (root && !process.env.RPCSTATE_KEEP_GENERATED) rmSync(root, { recursive: true, force: true });
});

/** tsc's errors as `folder/file(line): TScode`, relative to the temp root. */
function compilerErrors(): string[] {
    return [...tsc.output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+)/gm)].map(m => `${m[1].replace(/\\/g, '/')}(${m[2]}): ${m[3]}`);
}

describe('generated code compiles under the strict flags', () => {
    it('covers every clean spec of the project, and the hostile names', () => {
        expect(specs.length).toBeGreaterThanOrEqual(15);
        for (const spec of specs) expect(existsSync(folders.get(spec)!), spec).toBe(true);
    });

    it('has no error in any generated file: only the planted ones in the fixtures and in the stale handler', () => {
        const errors = compilerErrors();
        const documented = relative(root, folders.get(join(OWN_EXAMPLES, 'documented-tables.rpcstate'))!);
        const planted = readFileSync(join(FIXTURES, 'handler-breaks-machine.ts'), 'utf8').split('\n')
            .map((text, i) => /error (TS\d+)/.exec(text) && `${documented}/handler-breaks-machine.ts(${i + 1}): ${/error (TS\d+)/.exec(text)![1]}`)
            .filter(Boolean);
        expect(planted).toHaveLength(3);
        const unexpected = errors.filter(error => !planted.includes(error) && !error.startsWith('evolving/caller.handlers.ts'));
        expect(unexpected, tsc.output).toEqual([]);
        for (const error of planted) expect(errors, tsc.output).toContain(error);
    });

    it('uses no `any` in generated code', () => {
        for (const folder of folders.values()) {
            for (const file of readdirSync(folder).filter(name => name.endsWith('.ts'))) {
                const code = readFileSync(join(folder, file), 'utf8').replace(/\/\*\*[\s\S]*?\*\/|\/\/.*$/gm, '');
                expect(code, `${folder}/${file}`).not.toMatch(/:\s*any\b|\bas any\b|<any>/);
            }
        }
    });
});

describe('generated node:test suites', () => {
    it('all pass: every reachable transition taken, undeclared outcomes rejected', () => {
        expect(tests.status, tests.output.slice(-3000)).toBe(0);
        expect(stateOf(tests.output, 'fail')).toBe(0);
        // At least one path per machine plus one rejection test for most of them.
        expect(stateOf(tests.output, 'pass')).toBeGreaterThanOrEqual(40);
    });

    it('include the hostile names, which compiled and ran like any other', () => {
        expect(tests.output).toContain('then: every transition, along shortest paths to End');
        expect(tests.output).toContain('rejects an outcome constructor does not declare');
        expect(tests.output).toMatch(/ok \d+ - constructor --then--> __proto__/);
    });
});

describe('hostile descriptions', () => {
    it('arrive in the compiled tables exactly as the spec wrote them', async () => {
        const services = createRpcstateServices(NodeFileSystem);
        const text = readFileSync(HOSTILE, 'utf8');
        const document = services.shared.workspace.LangiumDocumentFactory.fromString<Protocol>(text, URI.file(HOSTILE));
        const model = buildProtocolModel(document.parseResult.value);
        const folder = relative(root, folders.get(HOSTILE)!);
        const compiled = (await import(pathToFileURL(join(root, 'js', folder, 'then.machine.js')).href)) as { states: Array<{ name: string; description: string | undefined }> };
        expect(compiled.states.map(s => [s.name, s.description])).toEqual(model.machines[0].states.map(s => [s.name, s.description]));
        expect(compiled.states[0].description).toBe('*/ throw new Error(); /*');
    });
});

describe('a spec change under a kept handler file', () => {
    it('leaves the handler byte-identical', () => {
        expect(keptHandlers.after).toBe(keptHandlers.before);
    });

    it('makes the handler stop compiling exactly where it names the outcome the spec dropped', () => {
        const line = keptHandlers.before.split('\n').findIndex(text => text.includes("names 'fail' itself")) + 1;
        expect(compilerErrors()).toContain(`evolving/caller.handlers.ts(${line}): TS2322`);
    });
});

describe('the documented client, implemented against the generated types', () => {
    type Step = { from: string; outcome: string | undefined; to: string; transition: number };
    type Client = {
        runDocumentedClient(result: string, options?: { signal?: AbortSignal; observer?: (step: Step) => void }, notification?: string): Promise<{ path: Step[]; calls: string[] }>;
    };
    type Machine = { run(handlers: object, options?: object): Promise<Step[]>; UndeclaredOutcomeError: new (...args: never[]) => Error; MissingHandlerError: new (...args: never[]) => Error };
    const load = async <T>(file: string): Promise<T> => {
        const folder = relative(root, folders.get(join(OWN_EXAMPLES, 'documented-tables.rpcstate'))!);
        return (await import(pathToFileURL(join(root, 'js', folder, file)).href)) as T;
    };

    it('runs to End on success, making the documented calls in order', async () => {
        const client = await load<Client>('documented-client.js');
        const { path, calls } = await client.runDocumentedClient('success');
        expect(path.map(step => `${step.from}>${step.to}`)).toEqual(['C>WComp', 'WComp>Comp', 'Comp>End']);
        expect(path[0].outcome).toBe('success');
        expect(path[1].outcome).toBeUndefined();
        expect(calls).toEqual(['call in C', 'wait for RpcCallComplete', 'RpcAsyncCompleteCall']);
    });

    it('cancels on fail and still waits and completes, as the table says; ends at once on exception', async () => {
        const client = await load<Client>('documented-client.js');
        const failed = await client.runDocumentedClient('fail');
        expect(failed.path.map(step => step.to)).toEqual(['Can', 'WComp', 'Comp', 'End']);
        expect(failed.calls).toEqual(['call in C', 'RpcAsyncCancelCall', 'wait for RpcCallComplete', 'RpcAsyncCompleteCall']);
        const raised = await client.runDocumentedClient('exception');
        expect(raised.path.map(step => step.to)).toEqual(['End']);
    });

    it('calls the observer on every step, with the steps it returns', async () => {
        const client = await load<Client>('documented-client.js');
        const observed: Step[] = [];
        const { path } = await client.runDocumentedClient('fail', { observer: step => observed.push(step) });
        expect(observed).toEqual(path);
    });

    it('rejects with the signal\'s reason when aborted, even while a handler ignores the signal', async () => {
        const client = await load<Client>('documented-client.js');
        const controller = new AbortController();
        const reason = new Error('user gave up');
        const running = client.runDocumentedClient('success', { signal: controller.signal }, 'never');
        setTimeout(() => controller.abort(reason), 20);
        await expect(running).rejects.toBe(reason);
        await expect(client.runDocumentedClient('success', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    });

    it('never treats the handlers object as a thenable', async () => {
        const machine = await load<Machine>('caller.machine.js');
        let thenCalls = 0;
        const handlers = {
            C: () => 'success', WComp: () => undefined, Comp: async () => undefined, Can: () => undefined,
            then: () => { thenCalls++; },
        };
        const path = await machine.run(handlers);
        expect(path).toHaveLength(3);
        expect(thenCalls).toBe(0);
    });

    it('rejects, from untyped JavaScript, an undeclared outcome (even where a default exists) and a missing method, with teaching messages', async () => {
        const machine = await load<Machine>('caller.machine.js');
        const base = { C: () => 'success', WComp: () => undefined, Comp: () => undefined, Can: () => undefined };
        await expect(machine.run({ ...base, C: () => 'succes' })).rejects.toThrow(/state C returned "succes", which it does not declare; it accepts 'success', 'exception', 'fail'/);
        await expect(machine.run({ ...base, WComp: () => 'done' })).rejects.toBeInstanceOf(machine.UndeclaredOutcomeError);
        await expect(machine.run({ ...base, C: () => undefined })).rejects.toThrow(/returned undefined/);
        const { Comp: _dropped, ...lacking } = base;
        await expect(machine.run(lacking)).rejects.toThrow(/has no method Comp: state Comp needs it to act and choose its outcome/);
        await expect(machine.run(lacking)).rejects.toBeInstanceOf(machine.MissingHandlerError);
    });
});
