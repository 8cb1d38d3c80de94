import type { Generated } from 'langium/generate';
import { CompositeGeneratorNode, joinToNode, traceToNode } from 'langium/generate';
import type { ActionModel, EffectModel, ProtocolModel } from '../model/machine-model.js';
import { chunk, docComment, line, unit } from './generator-text.js';
import { effectMethodDoc, stateMethodDoc } from './handler-docs.js';
import type { MachineApi, StateApi, TransitionApi } from './machine-api.js';
import { DISPATCH_TYPES, DRIVER_API, DRIVER_INTERNALS, HANDLER_TYPES, TABLE_TYPES } from './machine-runtime-source.js';
import { commentText, stringLiteral } from './naming.js';
import type { SourceRegions } from './source-regions.js';

/** What every file generator needs besides the machine. */
export interface GenerationContext {
    /** The spec's path as the generated header names it (relative to the output folder, `/`-separated). */
    readonly specName: string;
    readonly protocol: ProtocolModel;
    readonly regions: SourceRegions;
}

/**
 * `<name>.machine.ts`: the machine's types, its tables as data, and the
 * driver. Rewritten on every run. Everything spec-derived sits in string
 * literals, string-literal types and `$`-escaped member names (naming.ts),
 * so no name or description can change the code's meaning.
 */
export function generateMachineModule(api: MachineApi, context: GenerationContext): CompositeGeneratorNode {
    const { machine } = api;
    const { regions } = context;
    const initial = api.states[api.graph.initial].state.name;
    const end = api.states[api.graph.end].state.name;
    const protocol = context.protocol;
    const node = new CompositeGeneratorNode();
    node.append(
        line(`// generated from ${commentText(context.specName)} by rpcstate; do not edit.`),
        line(`// rpcstate generate rewrites this file on every run: write your code in ./${api.fileStem}.handlers.ts.`),
        '\n',
    );
    node.append(traceToNode(regions.regionOf(machine.nameRange))(unit(docComment([
        `The ${machine.side} machine \`${machine.name}\` of protocol \`${commentText(protocol.name)}\`${protocol.description ? `: ${commentText(protocol.description)}` : '.'}`,
        '',
        `Implement {@link Handlers} (start from ./${api.fileStem}.handlers.ts) and pass it to {@link run}.`,
    ]))));
    node.append(line('export type State ='));
    node.append(joinToNode(api.states, (s, i) => traceToNode(regions.regionOf(s.state.nameRange))(unit(
        line(`    | ${stringLiteral(s.state.name)}${i === api.states.length - 1 ? ';' : ''}`)))));
    node.append(
        '\n',
        line('/** The state `run` starts in. */'),
        line(`export const initialState = ${stringLiteral(initial)} satisfies State;`),
        line('/** Entering this state ends `run`. */'),
        line(`export const endState = ${stringLiteral(end)} satisfies State;`),
        '\n',
    );
    node.append(docComment([
        'What each state\'s handler may return: one of its `on` names, or `undefined` for',
        'its default transition (only where it has one). A state no handler decides',
        'lists its one outcome; the end state has none.',
    ]));
    node.append(line('export interface Outcomes {'));
    node.append(unit(api.states.map(s => line(`    ${stringLiteral(s.state.name)}: ${outcomeType(s)};`)).join('')));
    node.append(line('}'), '\n', chunk(HANDLER_TYPES), '\n');
    node.append(docComment([
        `The code behind \`${machine.name}\`: one method per state that acts or chooses (it returns`,
        'the outcome), and one per transition effect. Method names are the state names,',
        'with `$` appended where a name would be unsafe on an object (`then$`,',
        '`constructor$`, `delete$`); an effect\'s method is `STATE$OUTCOME`, or',
        '`STATE$$default` for the effect of a default transition.',
    ]));
    node.append(line('export interface Handlers {'));
    const members: Generated[] = [];
    for (const state of api.states) {
        if (state.method !== undefined) members.push(stateMember(state, api, context));
        for (const transition of state.transitions) {
            if (transition.effectMethod !== undefined) members.push(effectMember(transition, api, context));
        }
    }
    node.append(joinToNode(members, member => member, { separator: '\n' }));
    node.append(line('}'), '\n', chunk(TABLE_TYPES), '\n');
    node.append(line('/** Every state, in spec order. */'), line('export const states: readonly StateData[] = ['));
    node.append(joinToNode(api.states, s => traceToNode(regions.regionOf(s.state.range))(unit(line(`    ${stateRow(s)},`)))));
    node.append(line('];'), '\n', line('/** Every transition: state by state, in spec order. */'), line('export const transitions: readonly TransitionData[] = ['));
    node.append(joinToNode(api.transitions, t => traceToNode(regions.regionOf(t.transition.range))(unit(line(`    ${transitionRow(t)},`)))));
    node.append(line('];'), '\n', chunk(DRIVER_API), '\n', chunk(DISPATCH_TYPES));
    node.append(api.states.filter(s => s.method !== undefined).map(s => {
        const name = stringLiteral(s.state.name);
        return line(`deciders.set(${name}, (handlers, signal) => handlers.${s.method}({ state: ${name}, signal }));`);
    }).join(''));
    node.append(api.transitions.filter(t => t.effectMethod !== undefined).map(t =>
        line(`performers.set(${t.index}, (handlers, signal) => handlers.${t.effectMethod}({ state: ${stringLiteral(t.from.name)}, signal }));`)).join(''));
    node.append('\n', chunk(DRIVER_INTERNALS));
    return node;
}

/** The union a state's handler returns; `never` for a state that can return nothing (the end state). */
export function outcomeType(state: StateApi): string {
    const members = state.outcomes.map(stringLiteral);
    if (state.defaultTransition !== undefined) members.push('undefined');
    return members.length === 0 ? 'never' : members.join(' | ');
}

function stateMember(state: StateApi, api: MachineApi, context: GenerationContext): Generated {
    const name = stringLiteral(state.state.name);
    return traceToNode(context.regions.regionOf(state.state.range))(unit(
        docComment(stateMethodDoc(state, api.machine.side), '    ') +
        line(`    ${state.method}(context: HandlerContext<${name}>): Awaitable<Outcomes[${name}]>;`)));
}

function effectMember(transition: TransitionApi, api: MachineApi, context: GenerationContext): Generated {
    return traceToNode(context.regions.regionOf(transition.transition.range))(unit(
        docComment(effectMethodDoc(transition, api.machine.side), '    ') +
        line(`    ${transition.effectMethod}(context: HandlerContext<${stringLiteral(transition.from.name)}>): Awaitable<void>;`)));
}

function stateRow(s: StateApi): string {
    const { state } = s;
    const description = state.description === undefined ? 'undefined' : stringLiteral(state.description);
    const handler = s.method === undefined ? 'undefined' : stringLiteral(s.method);
    return `stateRow(${stringLiteral(state.name)}, ${description}, ${state.initial}, ${state.end}, ${actionData(state.action)}, ${handler})`;
}

function transitionRow(t: TransitionApi): string {
    const outcome = t.transition.outcome === undefined ? 'undefined' : stringLiteral(t.transition.outcome);
    const handler = t.effectMethod === undefined ? 'undefined' : stringLiteral(t.effectMethod);
    return `transitionRow(${stringLiteral(t.from.name)}, ${outcome}, ${stringLiteral(t.to.name)}, ${actionData(t.transition.effect)}, ${handler})`;
}

function actionData(action: ActionModel | EffectModel | undefined): string {
    if (!action) return 'undefined';
    return `act(${stringLiteral(action.kind)}, ${action.name === undefined ? 'undefined' : stringLiteral(action.name)})`;
}
