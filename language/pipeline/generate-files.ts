import { dirname, relative, resolve, sep } from 'node:path';
import type { Protocol } from '../generated/ast.js';
import type { GeneratedFile } from '../generator/generate-machine-files.js';
import { generateMachineFiles } from '../generator/generate-machine-files.js';
import { outputTsconfig } from '../generator/output-tsconfig.js';
import { sourceRegionsOf } from '../generator/source-regions.js';
import { traceMappings } from '../generator/trace-mappings.js';
import type { FileToWrite, WriteResult } from '../generator/write-generated-files.js';
import { writeGeneratedFiles } from '../generator/write-generated-files.js';
import { buildProtocolModel } from '../model/model-builder.js';
import { specDocumentUri } from '../workspace/spec-document-uri.js';
import type { LanguageServices } from './check-files.js';
import { checkSources } from './check-files.js';
import type { CheckReport } from './check-report.js';
import { readSourceFile } from '../files/input-files.js';

export interface GenerateFromSpecOptions {
    /** The output folder; default: the spec's folder. */
    readonly out?: string;
    /** Plan only: report what would be written and kept, write nothing. */
    readonly dryRun?: boolean;
    /** Also write `<file>.trace.json` beside each rewritten file: generated offsets → spec ranges. */
    readonly trace?: boolean;
}

export type GenerateFromSpecResult =
    /** The spec has errors: nothing was generated or written. */
    | { readonly kind: 'refused'; readonly report: CheckReport }
    | { readonly kind: 'generated'; readonly report: CheckReport; readonly outDir: string; readonly files: readonly WriteResult[]; readonly machines: number };

/**
 * `rpcstate generate` as a function, for the CLI and the VS Code command:
 * reads the spec (InputError when unreadable), runs exactly the check of
 * `rpcstate check`, refuses a spec with errors, generates, and writes safely
 * (UnsafeWriteError when a write would leave the output folder).
 */
export async function generateFromSpec(services: LanguageServices, specPath: string, options: GenerateFromSpecOptions = {}): Promise<GenerateFromSpecResult> {
    const source = await readSourceFile(specPath);
    const report = await checkSources(services, [source]);
    if (report.summary.errors > 0) return { kind: 'refused', report };

    const outDir = options.out ?? dirname(specPath);
    const uri = specDocumentUri(specPath);
    const document = services.shared.workspace.LangiumDocumentFactory.fromString<Protocol>(source.text, uri);
    const protocol = buildProtocolModel(document.parseResult.value);
    const specName = relative(resolve(outDir), resolve(specPath)).split(sep).join('/');
    const generated = generateMachineFiles(protocol, { specName, regions: sourceRegionsOf(source.text, uri.toString()) });
    const files: FileToWrite[] = [...generated, outputTsconfig()];
    if (options.trace) files.push(...generated.filter(file => file.policy === 'rewrite').map(file => traceFile(file, specName)));
    const written = await writeGeneratedFiles(outDir, files, { dryRun: options.dryRun === true });
    return { kind: 'generated', report, outDir, files: written, machines: protocol.machines.length };
}

/** Offsets and ranges only, with the spec named as in the headers: the same bytes wherever the project lives. */
function traceFile(file: GeneratedFile, specName: string): FileToWrite {
    const mappings = traceMappings(file.trace).map(({ generated, source }) => ({ generated, source: { offset: source.offset, end: source.end, range: source.range } }));
    const content = `${JSON.stringify({ generated: file.name, spec: specName, mappings })}\n`;
    return { name: `${file.name}.trace.json`, content, policy: 'rewrite' };
}
