import { CompositeGeneratorNode } from 'langium/generate';
import type { StateModel } from '../model/machine-model.js';
import { commentText, stringLiteral } from './naming.js';
import { chunk, line } from './generator-text.js';
import type { MachineApi, StateApi, TransitionApi } from './machine-api.js';
import { transitionText } from './machine-api.js';
import type { GenerationContext } from './machine-module-generator.js';
import type { CoveragePlan } from './shortest-paths.js';
import { planTransitionCoverage } from './shortest-paths.js';

/**
 * `<name>.paths.test.ts`: a `node:test` suite that drives the generated
 * machine along shortest paths until every transition reachable from the
 * initial state has been taken, with scripted handlers, and checks that an
 * undeclared outcome is rejected. Rewritten on every run.
 */
export function generatePathsTest(api: MachineApi, context: GenerationContext): CompositeGeneratorNode {
    const suite = planSuite(api);
    const node = new CompositeGeneratorNode();
    node.append(header(api, context, suite));
    node.append(scriptedHandlers(suite));
    node.append(chunk(DRIVE));
    node.append(coverageTests(api, suite.coverage));
    node.append(suite.lieAt ? undeclaredOutcomeTest(api, suite.coverage, suite.lieAt) : line('// No state on a path asks a handler, so no handler can return an undeclared outcome.'));
    return node;
}

/** What the suite is made of: the paths to drive, the handler methods to script, and the state that lies. */
interface SuitePlan {
    readonly coverage: CoveragePlan;
    /** The states whose handler chooses an outcome (they have a Handlers method). */
    readonly deciding: readonly StateApi[];
    /** The transitions with an effect method. */
    readonly effects: readonly TransitionApi[];
    /** The state whose handler returns an undeclared outcome in the rejection test; undefined when no state on a path asks a handler. */
    readonly lieAt: StateModel | undefined;
}

function planSuite(api: MachineApi): SuitePlan {
    const coverage = planTransitionCoverage(api.graph);
    // The lie is told by the first state on the first path that asks a handler.
    const lieAt = coverage.paths[0]?.map(n => api.transitions[n].from).find(state => api.states.some(s => s.state === state && s.method !== undefined));
    return {
        coverage,
        deciding: api.states.filter(s => s.method !== undefined),
        effects: api.transitions.filter(t => t.effectMethod !== undefined),
        lieAt,
    };
}

/** The header comments and the imports: only the names the suite uses, or the strict flags reject the file. */
function header(api: MachineApi, context: GenerationContext, { deciding, effects, lieAt }: SuitePlan): string {
    const types = ['Step'];
    if (deciding.length + effects.length > 0) types.unshift('HandlerContext');
    if (deciding.length > 0) types.push('Outcomes', 'State');
    const values = ['run', 'transitions'];
    if (deciding.length > 0) values.unshift('isDeclaredOutcome');
    if (lieAt) values.push('UndeclaredOutcomeError');
    return line(`// generated from ${commentText(context.specName)} by rpcstate; do not edit.`) +
        line(`// Transition coverage for ${api.machine.name}: run it with node --test after compiling, and it drives ./${api.fileStem}.machine.ts`) +
        line('// along shortest paths from the initial state to End until every reachable transition has been taken.') +
        line("import assert from 'node:assert/strict';") +
        line("import { describe, it } from 'node:test';") +
        line(`import { ${values.join(', ')} } from './${api.fileStem}.machine.js';`) +
        line(`import type { ${['Handlers', ...types].sort().join(', ')} } from './${api.fileStem}.machine.js';`) +
        '\n' +
        (lieAt ? line('/** Not an identifier, so no state can declare it. */') + line("const UNDECLARED: unknown = 'no such outcome';") + '\n' : '');
}

/** The class `ScriptedHandlers`: one method per Handlers method, each answering from the plan. */
function scriptedHandlers({ deciding, effects, lieAt }: SuitePlan): string {
    let text = line('/** Answers every state with the outcome of the next transition of a planned path, and records the effects it is asked for. */') +
        line('class ScriptedHandlers implements Handlers {') +
        line('    readonly effects: string[] = [];') +
        line('    private readonly plan: readonly number[];') +
        (lieAt ? line('    private readonly lieAt: string | undefined;') : '') +
        line('    private taken = 0;') +
        '\n' +
        line(`    constructor(plan: readonly number[]${lieAt ? ', lieAt?: string' : ''}) {`) +
        line('        this.plan = plan;') +
        (lieAt ? line('        this.lieAt = lieAt;') : '') +
        line('    }') +
        chunk(PROGRESS);
    if (deciding.length > 0) text += nextOutcome(lieAt !== undefined);
    for (const s of deciding) {
        text += '\n' + line(`    ${s.method}(context: HandlerContext<${stringLiteral(s.state.name)}>): Outcomes[${stringLiteral(s.state.name)}] {`) +
            line('        return this.next(context.state);') + line('    }');
    }
    for (const t of effects) {
        text += '\n' + line(`    ${t.effectMethod}(context: HandlerContext<${stringLiteral(t.from.name)}>): void {`) +
            line(`        assert.equal(context.state, ${stringLiteral(t.from.name)});`) + line(`        this.effects.push(${stringLiteral(t.effectMethod!)});`) + line('    }');
    }
    return text + line('}') + '\n';
}

/** ScriptedHandlers' observer and progress: how far along the plan the machine went. */
const PROGRESS = `

    /** Given to run as its observer, so the script knows which transition of the plan comes next. */
    readonly observe = (): void => {
        this.taken++;
    };

    /** How far along the plan the observer has seen the machine go. */
    get progress(): string {
        return this.taken + ' of ' + this.plan.length + ' steps';
    }
`;

/** ScriptedHandlers' `next`: the outcome of the next planned transition, checked against the state asked (or the lie, where told). */
function nextOutcome(lies: boolean): string {
    return chunk(`

    private next<S extends State>(state: S): Outcomes[S] {
        const index = this.plan[this.taken];
        const planned = index === undefined ? undefined : transitions[index];
        if (planned === undefined) assert.fail('state ' + state + ' was asked after the planned path ended');
        assert.equal(state, planned.from, 'the machine asked state ' + state + ' where the path expected ' + planned.from);`) +
        (lies ? line('        // The cast is the point: it lies to the compiler the way untyped JavaScript could.') + line('        if (state === this.lieAt) return UNDECLARED as Outcomes[S];') : '') +
        chunk(`
        const outcome = planned.outcome;
        if (!isDeclaredOutcome(state, outcome)) assert.fail('the table gives ' + state + ' an outcome it does not declare');
        return outcome;
    }
`);
}

/** `drive`: one run along a planned path, checked. */
const DRIVE = `
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
`;

/** One test per planned path, named by the transition it was planned for (the path also takes others on the way). */
function coverageTests(api: MachineApi, coverage: CoveragePlan): string {
    let text = '\n' + line(`describe(${stringLiteral(`${api.machine.name}: every transition, along shortest paths to End`)}, () => {`);
    text += coverage.paths.map((path, i) =>
        line(`    it(${stringLiteral(transitionText(api.transitions[coverage.planned[i]]))}, () => drive([${path.join(', ')}]));`)).join('');
    if (coverage.paths.length === 0) text += line('    it(\'has no path to cover\', () => undefined);');
    if (coverage.uncoverable.length > 0) {
        text += line(`    // Not covered, since no path from the initial state to End takes them: ${coverage.uncoverable.map(n => transitionText(api.transitions[n])).join(', ')}.`);
    }
    return text + line('});');
}

/** Along the first path, `lieAt` returns an outcome it does not declare: `run` must reject with UndeclaredOutcomeError. */
function undeclaredOutcomeTest(api: MachineApi, coverage: CoveragePlan, lieAt: StateModel): string {
    return '\n' + line(`describe(${stringLiteral(`${api.machine.name}: undeclared outcomes`)}, () => {`) +
        line(`    it(${stringLiteral(`rejects an outcome ${lieAt.name} does not declare`)}, async () => {`) +
        line(`        const handlers = new ScriptedHandlers([${coverage.paths[0].join(', ')}], ${stringLiteral(lieAt.name)});`) +
        chunk(`
        await assert.rejects(run(handlers, { observer: handlers.observe }), (error: unknown) => {
            assert.ok(error instanceof UndeclaredOutcomeError);
`) +
        line(`            assert.equal(error.state, ${stringLiteral(lieAt.name)});`) +
        chunk(`
            assert.equal(error.outcome, UNDECLARED);
            return true;
        });
    });
});
`);
}
