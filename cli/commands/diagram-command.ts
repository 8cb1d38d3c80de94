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
import { withInterleaving } from '../../language/diagram/interleaving-overlay.js';
import { writeInterleavingSequence } from '../../language/diagram/sequence-writer.js';
import type { CompositionReport, DeadlockTrace } from '../../language/analysis/composition/composition-report.js';
import { compositionVerdict } from '../../language/analysis/composition/composition-report.js';
import { documentComposition } from '../../language/pipeline/document-composition.js';
import { documentDiagram } from '../../language/pipeline/document-diagram.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { specDocumentUri } from '../../language/workspace/spec-document-uri.js';
import { writeFileAtomically } from '../../language/files/atomic-write.js';
import type { CliIo, CommandOutcome } from '../cli-io.js';
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE } from '../cli-io.js';
import { InputError, readSourceFile } from '../../language/files/input-files.js';

type DiagramFormat = 'svg' | 'dot' | 'mermaid';

/**
 * `rpcstate diagram FILE [--format svg|dot|mermaid] [--out FILE] [--interleaving [N]]`:
 * draws what parsed, with findings in the error colour; a text with syntax
 * errors still gives a picture (of what parsed, under a banner saying so).
 * `--interleaving` draws the N-th client × server deadlock on it (a Mermaid
 * sequenceDiagram with --format mermaid); without one, exit 2. The exit status
 * is check's: 0 no error, 1 errors (the diagram is written all the same),
 * 2 bad input, with one line on stderr.
 */
export function registerDiagramCommand(program: Command, io: CliIo, outcome: CommandOutcome): void {
    program.command('diagram')
        .description('draw the state machines of an .rpcstate file as SVG (laid out as in the editor), Graphviz DOT or Mermaid')
        .argument('<file>', 'the .rpcstate file')
        .addOption(new Option('--format <format>', 'output format').choices(['svg', 'dot', 'mermaid']).default('svg'))
        .option('--out <file>', 'write the diagram to this file (atomically) instead of stdout')
        .option('--interleaving [n]', 'draw the n-th client × server deadlock (default 1): its steps numbered on the transitions, the waiting states marked; with --format mermaid, a sequenceDiagram of the two machines')
        .action(async (file: string, options: { format: DiagramFormat; out?: string; interleaving?: string | true }) => {
            try {
                if (options.out !== undefined && resolve(options.out) === resolve(file)) {
                    throw new InputError(`${options.out}: is the input file; choose another --out so the spec is not overwritten`);
                }
                const deadlock = options.interleaving === undefined ? undefined : deadlockNumber(options.interleaving);
                const source = await readSourceFile(file);
                const { diagram, findings, composition } = diagramOf(source.path, source.text);
                const trace = deadlock === undefined ? undefined : chosenDeadlock(file, composition, deadlock);
                const text = trace && options.format === 'mermaid'
                    ? writeInterleavingSequence(trace, diagram.protocol)
                    : await render(trace ? withInterleaving(diagram, trace) : diagram, options.format);
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
function diagramOf(path: string, text: string): { diagram: DiagramModel; findings: Finding[]; composition: CompositionReport | undefined } {
    const { shared, Rpcstate } = createRpcstateServices(NodeFileSystem);
    const document = shared.workspace.LangiumDocumentFactory.fromString(text, specDocumentUri(path));
    const analyzer = Rpcstate.analysis.ProtocolAnalyzer;
    return { ...documentDiagram(document, analyzer), composition: documentComposition(document, analyzer) };
}

function deadlockNumber(option: string | true): number {
    if (option === true) return 1;
    if (!/^[1-9][0-9]*$/.test(option)) throw new InputError(`--interleaving ${option}: give the number of a deadlock, 1 for the first`);
    return Number(option);
}

/** The deadlock to draw, or why there is none (a usage error: nothing to draw). */
function chosenDeadlock(file: string, composition: CompositionReport | undefined, n: number): DeadlockTrace {
    const deadlocks = composition?.deadlocks ?? [];
    if (deadlocks.length === 0) {
        const why = composition ? compositionVerdict(composition) : 'the check did not run';
        throw new InputError(`${file}: --interleaving: no deadlock to draw (${why})`);
    }
    if (n > deadlocks.length) throw new InputError(`${file}: --interleaving ${n}: there ${deadlocks.length === 1 ? 'is 1 deadlock' : `are ${deadlocks.length} deadlocks`}`);
    return deadlocks[n - 1];
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
