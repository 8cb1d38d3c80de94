import type { SourceFile } from '../../language/files/input-files.js';
import { InputError } from '../../language/files/input-files.js';
import { rewriteSource } from '../../language/files/rewrite-source.js';
import type { LanguageServices, ReadInputs } from '../../language/pipeline/check-files.js';
import type { AppliedFix } from '../../language/pipeline/fix-files.js';
import { fixSources } from '../../language/pipeline/fix-files.js';
import type { CliIo } from '../cli-io.js';

/** What `check --fix` did: the inputs to check now (changed texts in place of the old), and the fixes applied per path. */
export interface FixRun {
    readonly inputs: ReadInputs;
    readonly applied: ReadonlyMap<string, readonly AppliedFix[]>;
}

/**
 * `rpcstate check --fix` before the check: applies the unattended quick
 * fixes (language/pipeline/fix-files.ts) and writes each file whose text
 * changed, atomically; a file the fixes leave as it was is not touched.
 * Bad input (an unreadable path, a broken rpcstate.json) means nothing is
 * written at all: the run is refused as `check` refuses it. A file that
 * cannot be written, or changed since it was read, is one more input error
 * (exit 2), and is checked as it was read.
 */
export async function fixBeforeCheck(services: LanguageServices, inputs: ReadInputs, io: CliIo, quiet: boolean): Promise<FixRun> {
    const unchanged: FixRun = { inputs, applied: new Map() };
    if (inputs.inputErrors.length > 0) return unchanged;
    const configErrors: InputError[] = [];
    const fixed = await fixSources(services, inputs.sources, configErrors);
    if (configErrors.length > 0) return unchanged;
    const applied = new Map<string, readonly AppliedFix[]>();
    const writeErrors: InputError[] = [];
    const sources: SourceFile[] = [];
    for (const { source, text, applied: fixes, syntaxErrors } of fixed) {
        if (syntaxErrors && !quiet) io.stderr(`rpcstate: note: ${source.path} not fixed: it has syntax errors\n`);
        if (text === source.text) {
            sources.push(source);
            continue;
        }
        try {
            await rewriteSource(source, text);
            sources.push({ ...source, text });
            applied.set(source.path, fixes);
        } catch (error) {
            writeErrors.push(error instanceof InputError ? error : new InputError(`${source.path}: not fixed, cannot write it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`));
            sources.push(source);
        }
    }
    return { inputs: { ...inputs, sources, inputErrors: writeErrors }, applied };
}

/** One line per applied fix, like a diagnostic line but `fixed[code]` (the `$rpcstate` problem matcher does not match it). */
export function formatAppliedFixes(applied: ReadonlyMap<string, readonly AppliedFix[]>): string {
    const lines: string[] = [];
    for (const [path, fixes] of applied) {
        for (const fix of fixes) lines.push(`${path}:${fix.line}:${fix.column}: fixed[${fix.code}]: ${fix.title}\n`);
    }
    return lines.join('');
}
