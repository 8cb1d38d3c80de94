import { CompositeGeneratorNode } from 'langium/generate';
import { commentText, stringLiteral } from './naming.js';
import { chunk, line } from './generator-text.js';
import type { MachineApi } from './machine-api.js';
import { transitionText } from './machine-api.js';
import type { GenerationContext } from './machine-module-generator.js';
import { planTransitionCoverage } from './shortest-paths.js';

/**
 * `<name>.paths.test.ts`: a `node:test` suite that drives the generated
 * machine along shortest paths until every transition reachable from the
 * initial state has been taken, with scripted handlers, and checks that an
 * undeclared outcome is rejected. Rewritten on every run.
 */
export function generatePathsTest(api: MachineApi, context: GenerationContext): CompositeGeneratorNode {
    const plan = planTransitionCoverage(api.graph);
    const machine = api.machine.name;
    const deciding = api.states.filter(s => s.method !== undefined);
    const effects = api.transitions.filter(t => t.effectMethod !== undefined);
    // The lie is told by the first state on the first path that asks a handler.
    const lieAt = plan.paths[0]?.map(n => api.transitions[n].from).find(state => api.states.some(s => s.state === state && s.method !== undefined));
    const types = ['Step'];
    if (deciding.length + effects.length > 0) types.unshift('HandlerContext');
    if (deciding.length > 0) types.push('Outcomes', 'State');
    const values = ['run', 'transitions'];
    if (deciding.length > 0) values.unshift('isDeclaredOutcome');
    if (lieAt) values.push('UndeclaredOutcomeError');

    const node = new CompositeGeneratorNode();
    node.append(
        line(`// generated from ${commentText(context.specName)} by rpcstate; do not edit.`),
        line(`// Transition coverage for ${machine}: run it with node --test after compiling, and it drives ./${api.fileStem}.machine.ts`),
        line('// along shortest paths from the initial state to End until every reachable transition has been taken.'),
        line("import assert from 'node:assert/strict';"),
        line("import { describe, it } from 'node:test';"),
        line(`import { ${values.join(', ')} } from './${api.fileStem}.machine.js';`),
        line(`import type { ${['Handlers', ...types].sort().join(', ')} } from './${api.fileStem}.machine.js';`),
        '\n',
    );
    if (lieAt) node.append(line("/** Not an identifier, so no state can declare it. */"), line("const UNDECLARED: unknown = 'no such outcome';"), '\n');
    node.append(
        line('/** Answers every state with the outcome of the next transition of a planned path, and records the effects it is asked for. */'),
        line('class ScriptedHandlers implements Handlers {'),
        line('    readonly effects: string[] = [];'),
        line('    private readonly plan: readonly number[];'),
    );
    if (lieAt) node.append(line('    private readonly lieAt: string | undefined;'));
    node.append(
        line('    private taken = 0;'),
        '\n',
        line(`    constructor(plan: readonly number[]${lieAt ? ', lieAt?: string' : ''}) {`),
        line('        this.plan = plan;'),
    );
    if (lieAt) node.append(line('        this.lieAt = lieAt;'));
    node.append(line('    }'));
    node.append(chunk(`

    /** Given to run as its observer, so the script knows which transition of the plan comes next. */
    readonly observe = (): void => {
        this.taken++;
    };

    /** How far along the plan the observer has seen the machine go. */
    get progress(): string {
        return this.taken + ' of ' + this.plan.length + ' steps';
    }
`));
    if (deciding.length > 0) {
        node.append(chunk(`

    private next<S extends State>(state: S): Outcomes[S] {
        const index = this.plan[this.taken];
        const planned = index === undefined ? undefined : transitions[index];
        if (planned === undefined) assert.fail('state ' + state + ' was asked after the planned path ended');
        assert.equal(state, planned.from, 'the machine asked state ' + state + ' where the path expected ' + planned.from);`));
        if (lieAt) {
            node.append(line('        // The cast is the point: it lies to the compiler the way untyped JavaScript could.'), line('        if (state === this.lieAt) return UNDECLARED as Outcomes[S];'));
        }
        node.append(chunk(`
        const outcome = planned.outcome;
        if (!isDeclaredOutcome(state, outcome)) assert.fail('the table gives ' + state + ' an outcome it does not declare');
        return outcome;
    }
`));
    }
    for (const s of deciding) {
        node.append('\n', line(`    ${s.method}(context: HandlerContext<${stringLiteral(s.state.name)}>): Outcomes[${stringLiteral(s.state.name)}] {`), line('        return this.next(context.state);'), line('    }'));
    }
    for (const t of effects) {
        node.append('\n', line(`    ${t.effectMethod}(context: HandlerContext<${stringLiteral(t.from.name)}>): void {`));
        node.append(line(`        assert.equal(context.state, ${stringLiteral(t.from.name)});`), line(`        this.effects.push(${stringLiteral(t.effectMethod!)});`), line('    }'));
    }
    node.append(line('}'), '\n');
    node.append(chunk(`
/** Runs the machine along a planned path; checks the path, the observer and the effects. */
async function drive(plan: readonly number[]): Promise<void> {
    const handlers = new ScriptedHandlers(plan);
    const observed: Step[] = [];
    const path = await run(handlers, {
        observer: step => {
            observed.push(step);
            handlers.observe();
        },
    });
    assert.deepEqual(path.map(step => step.transition), plan);
    assert.deepEqual(observed, path);
    assert.equal(handlers.progress, plan.length + ' of ' + plan.length + ' steps');
    const effects = plan.flatMap(index => {
        const handler = transitions[index]?.effectHandler;
        return handler === undefined ? [] : [handler];
    });
    assert.deepEqual(handlers.effects, effects);
}
`));
    node.append('\n', line(`describe(${stringLiteral(`${machine}: every transition, along shortest paths to End`)}, () => {`));
    // Each test is named by the transition it was planned for; the path also takes others on the way.
    node.append(plan.paths.map((path, i) =>
        line(`    it(${stringLiteral(transitionText(api.transitions[plan.planned[i]]))}, () => drive([${path.join(', ')}]));`)).join(''));
    if (plan.paths.length === 0) node.append(line('    it(\'has no path to cover\', () => undefined);'));
    if (plan.uncoverable.length > 0) {
        node.append(line(`    // Not covered, since no path from the initial state to End takes them: ${plan.uncoverable.map(n => transitionText(api.transitions[n])).join(', ')}.`));
    }
    node.append(line('});'));
    if (lieAt) {
        const prefix = plan.paths[0];
        node.append('\n', line(`describe(${stringLiteral(`${machine}: undeclared outcomes`)}, () => {`));
        node.append(line(`    it(${stringLiteral(`rejects an outcome ${lieAt.name} does not declare`)}, async () => {`));
        node.append(line(`        const handlers = new ScriptedHandlers([${prefix.join(', ')}], ${stringLiteral(lieAt.name)});`));
        node.append(chunk(`
        await assert.rejects(run(handlers, { observer: handlers.observe }), (error: unknown) => {
            assert.ok(error instanceof UndeclaredOutcomeError);
`));
        node.append(line(`            assert.equal(error.state, ${stringLiteral(lieAt.name)});`));
        node.append(chunk(`
            assert.equal(error.outcome, UNDECLARED);
            return true;
        });
    });
});
`));
    } else {
        node.append(line('// No state on a path asks a handler, so no handler can return an undeclared outcome.'));
    }
    return node;
}
