import type { LangiumDocument } from 'langium';
import { configuredFindings } from '../config/configured-findings.js';
import type { RpcstateConfig } from '../config/rpcstate-config.js';
import { ConfigError } from '../config/rpcstate-config.js';
import type { SourceFile } from '../files/input-files.js';
import { InputError } from '../files/input-files.js';
import { applySourceEdits } from '../fixes/source-edit.js';
import { unattendedFixes } from '../fixes/unattended-fixes.js';
import type { Protocol } from '../generated/ast.js';
import { specDocumentUri } from '../workspace/spec-document-uri.js';
import type { LanguageServices } from './check-files.js';

/**
 * At most this many rounds per file. A round can make the next one's fix
 * possible (a retargeted transition leaves a suppression unused), so fixing
 * repeats until nothing applies; the cap makes sure it ends even if two
 * fixes were ever to undo each other.
 */
export const FIX_ROUNDS = 5;

/** One fix applied: the finding's code and place (1-based, in the text as that round found it) and the quick fix's title. */
export interface AppliedFix {
    readonly code: string;
    readonly line: number;
    readonly column: number;
    readonly title: string;
}

export interface FixedSource {
    /** The file as read. */
    readonly source: SourceFile;
    /** The text after every applied fix; `source.text` itself when none applied. */
    readonly text: string;
    readonly applied: readonly AppliedFix[];
    /** Left alone: a text with syntax errors has a guessed structure, and no fix is safe on a guess. */
    readonly syntaxErrors: boolean;
}

/**
 * `rpcstate check --fix` as a function, writing nothing: each text with the
 * fixes the language server offers that are marked `unattended` applied,
 * round after round (at most FIX_ROUNDS). The host writes the texts that
 * changed and checks them again. A source whose rpcstate.json cannot be
 * read is skipped and its error collected, as `checkSources` does.
 */
export async function fixSources(services: LanguageServices, sources: readonly SourceFile[], configErrors: InputError[]): Promise<FixedSource[]> {
    const configs = services.Rpcstate.config.ConfigResolver;
    const fixed: FixedSource[] = [];
    for (const source of sources) {
        let config: RpcstateConfig | undefined;
        try {
            config = await configs.configFor(source.path);
        } catch (error) {
            if (!(error instanceof ConfigError)) throw error;
            configErrors.push(new InputError(error.message));
            continue;
        }
        fixed.push(fixSource(services, source, config));
    }
    return fixed;
}

function fixSource(services: LanguageServices, source: SourceFile, config: RpcstateConfig | undefined): FixedSource {
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const analyzer = services.Rpcstate.analysis.ProtocolAnalyzer;
    const uri = specDocumentUri(source.path);
    const applied: AppliedFix[] = [];
    let text = source.text;
    let document = factory.fromString(text, uri);
    if (hasSyntaxErrors(document)) return { source, text, applied, syntaxErrors: true };
    for (let round = 0; round < FIX_ROUNDS; round++) {
        const { model, analysis } = analyzer.analyze(document.parseResult.value as Protocol);
        const chosen = unattendedFixes(configuredFindings(document, analyzer, config), model, analysis, text);
        if (chosen.length === 0) break;
        const next = applySourceEdits(text, chosen.flatMap(c => c.fix.edits));
        const nextDocument = factory.fromString(next, uri);
        // Every quick fix keeps the syntax (test/lsp/code-actions.test.ts); should one ever not, the file is not written broken.
        if (hasSyntaxErrors(nextDocument)) break;
        for (const { finding, fix } of chosen) {
            applied.push({ code: finding.code, line: finding.range.start.line + 1, column: finding.range.start.character + 1, title: fix.title });
        }
        text = next;
        document = nextDocument;
    }
    return { source, text, applied, syntaxErrors: false };
}

function hasSyntaxErrors(document: LangiumDocument): boolean {
    return document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length > 0;
}
