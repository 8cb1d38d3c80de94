import type { CompositeGeneratorNode, TraceRegion } from 'langium/generate';
import { toStringAndTrace } from 'langium/generate';
import type { ProtocolModel } from '../model/machine-model.js';
import { withTargetRanges } from './generator-text.js';
import { generateHandlersSkeleton } from './handlers-generator.js';
import type { MachineApi } from './machine-api.js';
import { planMachineApi } from './machine-api.js';
import type { GenerationContext } from './machine-module-generator.js';
import { generateMachineModule } from './machine-module-generator.js';
import { generatePathsTest } from './paths-test-generator.js';
import type { SourceRegions } from './source-regions.js';
import { NO_SOURCE_REGIONS } from './source-regions.js';

/** `rewrite`: replaced on every run. `create`: written only when absent, never overwritten. */
export type WritePolicy = 'rewrite' | 'create';

export interface GeneratedFile {
    /** A plain file name (no folder), inside the output folder. */
    readonly name: string;
    readonly content: string;
    readonly policy: WritePolicy;
    /** Where each part of `content` comes from in the spec (Langium's trace regions). */
    readonly trace: TraceRegion;
    readonly machine: string;
}

export interface GenerateOptions {
    /** The spec as the generated headers name it: a path relative to the output folder, with `/`. */
    readonly specName: string;
    /** Maps model ranges to spec offsets for the trace; without it the trace has no sources. */
    readonly regions?: SourceRegions;
}

/**
 * Every file for every machine of a checked protocol, in a fixed order:
 * per machine, `.machine.ts`, `.handlers.ts`, `.paths.test.ts`. Pure and
 * deterministic: the same model and options give the same bytes. Throws
 * GeneratorInputError for a model the checks would have refused.
 */
export function generateMachineFiles(protocol: ProtocolModel, options: GenerateOptions): GeneratedFile[] {
    const context: GenerationContext = { specName: options.specName, protocol, regions: options.regions ?? NO_SOURCE_REGIONS };
    const apis = uniqueStems(protocol.machines.map(planMachineApi));
    const files: GeneratedFile[] = [];
    for (const api of apis) {
        const emit = (suffix: string, policy: WritePolicy, node: CompositeGeneratorNode): void => {
            const { text, trace } = toStringAndTrace(node);
            files.push({ name: `${api.fileStem}${suffix}`, content: text, policy, trace: withTargetRanges(trace, text), machine: api.machine.name });
        };
        emit('.machine.ts', 'rewrite', generateMachineModule(api, context));
        emit('.handlers.ts', 'create', generateHandlersSkeleton(api, context));
        emit('.paths.test.ts', 'rewrite', generatePathsTest(api, context));
    }
    return files;
}

/** A client and a server whose names kebab-case alike (`Foo`, `foo`) get their side appended, so no file is written twice. */
function uniqueStems(apis: MachineApi[]): MachineApi[] {
    return apis.map(api => {
        const clash = apis.some(other => other !== api && other.fileStem === api.fileStem);
        return clash ? { ...api, fileStem: `${api.fileStem}-${api.machine.side}` } : api;
    });
}
