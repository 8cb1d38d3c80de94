import type { Command } from 'commander';
import { NodeFileSystem } from 'langium/node';
import { GeneratorInputError } from '../../language/generator/machine-api.js';
import type { WriteAction } from '../../language/generator/write-generated-files.js';
import { UnsafeWriteError } from '../../language/generator/write-generated-files.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import type { CliIo, CommandOutcome } from '../cli-io.js';
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE } from '../cli-io.js';
import { formatText } from '../formats/text-format.js';
import type { GenerateFromSpecResult } from '../../language/pipeline/generate-files.js';
import { generateFromSpec } from '../../language/pipeline/generate-files.js';
import { InputError } from '../../language/files/input-files.js';

const DONE: Readonly<Record<WriteAction, string>> = { written: 'wrote    ', unchanged: 'unchanged', kept: 'kept     ' };
const PLANNED: Readonly<Record<WriteAction, string>> = { written: 'would write', unchanged: 'unchanged  ', kept: 'would keep ' };

/** `rpcstate generate FILE [--out DIR] [--dry-run] [--trace]`: TypeScript handlers for every machine (docs/generation.md). */
export function registerGenerateCommand(program: Command, io: CliIo, outcome: CommandOutcome): void {
    program.command('generate')
        .description('generate TypeScript for every machine of a checked .rpcstate file: <name>.machine.ts (rewritten), <name>.handlers.ts (written once, yours), <name>.paths.test.ts (rewritten); exit 1 and write nothing when the spec has errors')
        .argument('<file>', 'the .rpcstate file')
        .option('--out <dir>', 'the folder to write into (default: the file\'s folder); nothing is written outside it')
        .option('--dry-run', 'list what would be written and kept, and write nothing')
        .option('--trace', 'also write <file>.trace.json beside each rewritten file, mapping generated code back to the spec')
        .action(async (file: string, options: { out?: string; dryRun?: boolean; trace?: boolean }) => {
            outcome.status = await generate(file, options, io);
        });
}

async function generate(file: string, options: { out?: string; dryRun?: boolean; trace?: boolean }, io: CliIo): Promise<number> {
    const services = createRpcstateServices(NodeFileSystem);
    let result: GenerateFromSpecResult;
    try {
        result = await generateFromSpec(services, file, options);
    } catch (error) {
        if (error instanceof InputError || error instanceof UnsafeWriteError || error instanceof GeneratorInputError) {
            io.stderr(`rpcstate: ${error.message}\n`);
            return EXIT_USAGE;
        }
        const code = (error as NodeJS.ErrnoException)?.code;
        if (typeof code === 'string') {
            // The file system refused a write (permissions, a full disk): one line, like any other unusable input.
            io.stderr(`rpcstate: cannot write into ${options.out ?? 'the spec\'s folder'}: ${(error as Error).message}\n`);
            return EXIT_USAGE;
        }
        throw error;
    }
    const { report } = result;
    if (report.summary.errors + report.summary.warnings > 0) io.stderr(formatText(report, false));
    if (result.kind === 'refused') {
        io.stderr(`rpcstate: ${file} has ${report.summary.errors} error${report.summary.errors === 1 ? '' : 's'}; fix ${report.summary.errors === 1 ? 'it' : 'them'} first (nothing was generated)\n`);
        return EXIT_ERRORS;
    }
    if (result.machines === 0) {
        io.stdout(`${file} declares no machine: nothing to generate\n`);
        return EXIT_OK;
    }
    const labels = options.dryRun ? PLANNED : DONE;
    for (const written of result.files) {
        const note = written.action === 'kept' ? '  (exists; rpcstate never overwrites it)' : '';
        io.stdout(`${labels[written.action]} ${written.path}${note}\n`);
    }
    return EXIT_OK;
}
