import type { Command } from 'commander';
import { NodeFileSystem } from 'langium/node';
import { InputError, readSourceFile, resolveInputPaths, STDIN_ARGUMENT } from '../../language/files/input-files.js';
import { rewriteSource } from '../../language/files/rewrite-source.js';
import { formattedText } from '../../language/format/formatted-text.js';
import type { Protocol } from '../../language/generated/ast.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { specDocumentUri } from '../../language/workspace/spec-document-uri.js';
import type { CliIo, CommandOutcome } from '../cli-io.js';
import { EXIT_ERRORS, EXIT_OK, EXIT_USAGE } from '../cli-io.js';

type Verdict = 'unchanged' | 'formatted' | 'would change' | 'syntax errors';

/**
 * `rpcstate format PATH... [--check]`: lays files out as the editor's
 * formatter does (the same gaps). Only files whose text changes are written,
 * each atomically; a file with syntax errors is named and left alone. With
 * --check nothing is written and the exit status says whether anything would
 * change (1) or not (0); 2 on bad input, as `check`.
 */
export function registerFormatCommand(program: Command, io: CliIo, outcome: CommandOutcome): void {
    program.command('format')
        .description('lay out .rpcstate files as the editor formats them; only changed files are written, atomically')
        .argument('<path...>', 'files, folders searched for *.rpcstate, or globs (quote them)')
        .option('--check', 'write nothing; list the files that would change and exit 1 if there are any')
        .action(async (paths: string[], options: { check?: boolean }) => {
            if (paths.includes(STDIN_ARGUMENT)) {
                io.stderr('rpcstate: format reads files, not standard input (-)\n');
                outcome.status = EXIT_USAGE;
                return;
            }
            const selection = await resolveInputPaths(paths);
            for (const error of selection.errors) io.stderr(`rpcstate: ${error.message}\n`);
            if (selection.errors.length > 0) {
                outcome.status = EXIT_USAGE;
                return;
            }
            const { shared } = createRpcstateServices(NodeFileSystem);
            const counts = new Map<Verdict, number>();
            let unreadable = false;
            for (const path of selection.files) {
                try {
                    const verdict = await formatFile(path, options.check === true, shared.workspace.LangiumDocumentFactory);
                    counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
                    if (verdict !== 'unchanged') io.stdout(`${path}: ${verdict === 'syntax errors' ? 'not formatted: it has syntax errors (`rpcstate check` lists them)' : verdict}\n`);
                } catch (error) {
                    if (!(error instanceof InputError)) throw error;
                    io.stderr(`rpcstate: ${error.message}\n`);
                    unreadable = true;
                }
            }
            const n = (verdict: Verdict) => counts.get(verdict) ?? 0;
            const files = selection.files.length;
            io.stdout(`${files} file${files === 1 ? '' : 's'}: ${options.check ? `${n('would change')} would change` : `${n('formatted')} formatted`}, ${n('unchanged')} unchanged${n('syntax errors') ? `, ${n('syntax errors')} with syntax errors` : ''}\n`);
            outcome.status = unreadable ? EXIT_USAGE
                : n('would change') + n('syntax errors') > 0 ? EXIT_ERRORS : EXIT_OK;
        });
}

type DocumentFactory = ReturnType<typeof createRpcstateServices>['shared']['workspace']['LangiumDocumentFactory'];

async function formatFile(path: string, checkOnly: boolean, documents: DocumentFactory): Promise<Verdict> {
    const source = await readSourceFile(path);
    const document = documents.fromString(source.text, specDocumentUri(source.path));
    const { value, lexerErrors, parserErrors } = document.parseResult;
    const text = formattedText(value as Protocol, source.text, lexerErrors.length + parserErrors.length > 0);
    if (text === undefined) return 'syntax errors';
    if (text === source.text) return 'unchanged';
    if (checkOnly) return 'would change';
    await rewriteSource(source, text);
    return 'formatted';
}
