import type { Generated } from 'langium/generate';
import { CompositeGeneratorNode, joinToNode, traceToNode } from 'langium/generate';
import { commentText, stringLiteral } from './naming.js';
import { docComment, line, unit } from './generator-text.js';
import type { MachineApi, StateApi, TransitionApi } from './machine-api.js';
import { actionText } from './machine-api.js';
import type { GenerationContext } from './machine-module-generator.js';

/**
 * `<name>.handlers.ts`: the user's file. Written once, never overwritten: a
 * class implementing `Handlers` whose methods throw "not implemented". When
 * the spec changes, the class stops compiling exactly where it no longer fits
 * (a method missing, an outcome the state no longer declares).
 */
export function generateHandlersSkeleton(api: MachineApi, context: GenerationContext): CompositeGeneratorNode {
    const { machine } = api;
    const deciding = api.states.filter(s => s.method !== undefined);
    const effects = api.transitions.filter(t => t.effectMethod !== undefined);
    const imports = ['Handlers'];
    if (deciding.length + effects.length > 0) imports.unshift('HandlerContext');
    if (deciding.length > 0) imports.push('Outcomes');
    const node = new CompositeGeneratorNode();
    node.append(
        line(`// Written once by rpcstate from ${commentText(context.specName)}: this file is yours, and rpcstate generate never overwrites it.`),
        line(`// When the spec changes, this class stops compiling where it no longer fits the machine in ./${api.fileStem}.machine.ts.`),
        line(`import type { ${imports.join(', ')} } from './${api.fileStem}.machine.js';`),
        '\n',
        docComment([`The code behind the ${machine.side} machine \`${machine.name}\`: implement each method, then \`run(new ${api.handlersClass}())\`.`]),
        line(`export class ${api.handlersClass} implements Handlers {`),
    );
    const members = [
        ...deciding.map(s => stateMethod(s, api, context)),
        ...effects.map(t => effectMethod(t, api, context)),
    ];
    node.append(joinToNode(members, member => member, { separator: '\n' }));
    node.append(line('}'));
    return node;
}

function stateMethod(s: StateApi, api: MachineApi, context: GenerationContext): Generated {
    const name = stringLiteral(s.state.name);
    const does = s.state.action ? `\`${actionText(s.state.action)}\`, then return` : 'Return';
    const outcomes = s.transitions.map(t => (t.transition.outcome === undefined ? `undefined → ${t.to.name}` : `'${t.transition.outcome}' → ${t.to.name}`));
    const message = `${api.handlersClass}.${s.method} is not implemented: state ${s.state.name}${s.state.description ? ` (${s.state.description})` : ''} must ${s.state.action ? `${actionText(s.state.action)} and ` : ''}return its outcome`;
    return traceToNode(context.regions.regionOf(s.state.range))(unit(
        docComment([
            s.state.description ? `State \`${s.state.name}\`: ${commentText(s.state.description)}` : `State \`${s.state.name}\`.`,
            `${does} ${outcomes.length > 0 ? outcomes.join(', ') : 'nothing (the state has no transitions)'}.`,
        ], '    ') +
        line(`    async ${s.method}(_context: HandlerContext<${name}>): Promise<Outcomes[${name}]> {`) +
        line(`        throw new Error(${stringLiteral(message)});`) +
        line('    }')));
}

function effectMethod(t: TransitionApi, api: MachineApi, context: GenerationContext): Generated {
    const effect = actionText(t.transition.effect!);
    const message = `${api.handlersClass}.${t.effectMethod} is not implemented: the transition from ${t.from.name} to ${t.to.name} must ${effect}`;
    return traceToNode(context.regions.regionOf(t.transition.range))(unit(
        docComment([`Effect \`${effect}\` of the transition from \`${t.from.name}\` to \`${t.to.name}\`.`], '    ') +
        line(`    async ${t.effectMethod}(_context: HandlerContext<${stringLiteral(t.from.name)}>): Promise<void> {`) +
        line(`        throw new Error(${stringLiteral(message)});`) +
        line('    }')));
}
