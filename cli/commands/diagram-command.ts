import type { Command } from 'commander';
import { Option } from 'commander';
import { NodeFileSystem } from 'langium/node';
import { resolve } from 'node:path';
import type { Finding } from '../../language/analysis/finding.js';
import type { DiagramModel } from '../../language/diagram/diagram-model.js';
import { writeDot } from '../../language/diagram/dot-writer.js';
import { layoutDiagram } from '../../language/diagram/elk-layout.js';
import { writeMermaid } from '../../language/diagram/mermaid-writer.js';
import { renderDiagramSvg } from '../../language/diagram/svg-renderer.js';
import { documentDiagram } from '../../language/pipeline/document-diagram.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { specDocumentUri } from '../../language/workspace/spec-document-uri.js';
import { writeFileAtomically } from '../../language/files/atomic-write.js';
import type { CliIo, CommandOutcome } from '../cli-io.js';
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE } from '../cli-io.js';
import { InputError, readSourceFile } from '../../language/files/input-files.js';

type DiagramFormat = 'svg' | 'dot' | 'mermaid';

/**
 * `rpcstate diagram FILE [--format svg|dot|mermaid] [--out FILE]`: draws what
 * parsed, with findings in the error colour; a text with syntax errors still
 * gives a picture (of what parsed, under a banner saying so). The exit status
 * is check's: 0 no error, 1 errors (the diagram is written all the same),
 * 2 bad input, with one line on stderr.
 */
export function registerDiagramCommand(program: Command, io: CliIo, outcome: CommandOutcome): void {
    program.command('diagram')
        .description('draw the state machines of an .rpcstate file as SVG (laid out as in the editor), Graphviz DOT or Mermaid')
        .argument('<file>', 'the .rpcstate file')
        .addOption(new Option('--format <format>', 'output format').choices(['svg', 'dot', 'mermaid']).default('svg'))
        .option('--out <file>', 'write the diagram to this file (atomically) instead of stdout')
        .action(async (file: string, options: { format: DiagramFormat; out?: string }) => {
            try {
                if (options.out !== undefined && resolve(options.out) === resolve(file)) {
                    throw new InputError(`${options.out}: is the input file; choose another --out so the spec is not overwritten`);
                }
                const source = await readSourceFile(file);
                const { diagram, findings } = diagramOf(source.path, source.text);
                const text = await render(diagram, options.format);
                if (options.out !== undefined) await writeOutput(options.out, text);
                else io.stdout(text);
                const errors = findings.filter(f => f.severity === 'error').length;
                const warnings = findings.filter(f => f.severity === 'warning').length;
                if (errors + warnings > 0) {
                    io.stderr(`rpcstate: ${file}: ${count(errors, 'error')}, ${count(warnings, 'warning')}, drawn in the diagram (\`rpcstate check ${file}\` lists them)\n`);
                }
                outcome.status = errors > 0 ? EXIT_ERRORS : EXIT_OK;
            } catch (error) {
                if (!(error instanceof InputError)) throw error;
                io.stderr(`rpcstate: ${error.message}\n`);
                outcome.status = EXIT_USAGE;
            }
        });
}

/** Parses and checks the text as `rpcstate check` does, and builds the diagram from the same analysis. */
function diagramOf(path: string, text: string): { diagram: DiagramModel; findings: Finding[] } {
    const { shared, Rpcstate } = createRpcstateServices(NodeFileSystem);
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, specDocumentUri(path));
    return documentDiagram(document, Rpcstate.analysis.ProtocolAnalyzer);
}

async function render(diagram: DiagramModel, format: DiagramFormat): Promise<string> {
    switch (format) {
        case 'dot': return writeDot(diagram);
        case 'mermaid': return writeMermaid(diagram);
        default: return renderDiagramSvg(diagram, await layoutDiagram(diagram), { standalone: true });
    }
}

async function writeOutput(path: string, text: string): Promise<void> {
    try {
        await writeFileAtomically(path, text);
    } catch (error) {
        const code = (error as NodeJS.ErrnoException)?.code;
        const reason = code === 'ENOENT' ? 'its folder does not exist'
            : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
                : code === 'EISDIR' ? 'is a folder'
                    : (error as Error)?.message ?? String(error);
        throw new InputError(`${path}: cannot write the diagram (${reason})`);
    }
}

function count(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
