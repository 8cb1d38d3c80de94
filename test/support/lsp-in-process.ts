import { EmptyFileSystem, TextDocument, URI } from 'langium';
import type { LangiumDocument } from 'langium';
import { findingToDiagnostic } from '../../language/validation/finding-diagnostics.js';
import { clearDocuments, parseHelper } from 'langium/test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import type { Protocol } from '../../language/generated/ast.js';
import { createRpcstateLanguageServices } from '../../server/rpcstate-lsp-module.js';

/**
 * The language server's services in process, without a connection: enough
 * to call the editor features directly on documents built from strings.
 */
export const lsp = createRpcstateLanguageServices(EmptyFileSystem);
const parse = parseHelper<Protocol>(lsp.Rpcstate);

let counter = 0;

/** Parses, links and validates a text as a fresh document (the workspace keeps only the latest few). */
export async function openDocument(text: string) {
    await clearDocuments(lsp.shared);
    return parse(text, { documentUri: `file:///test/doc${counter++}.rpcstate`, validation: true });
}

/** Every diagnostic an editor ends up with: the document's own, then the client × server check's (published second). */
export async function diagnosticsOf(text: string): Promise<Diagnostic[]> {
    return publishedDiagnostics(await openDocument(text));
}

async function publishedDiagnostics(document: LangiumDocument): Promise<Diagnostic[]> {
    const findings = await lsp.Rpcstate.composition.CompositionDiagnostics.publishedFindings(document);
    const composition = findings.map(f => findingToDiagnostic(f, document.uri.toString()));
    return [...(document.diagnostics ?? []), ...composition];
}

export function codesOf(diagnostics: readonly Diagnostic[], severity?: 1 | 2): string[] {
    return diagnostics.filter(d => severity === undefined || d.severity === severity).map(d => String(d.code)).sort();
}

/** The quick fixes offered for every diagnostic of `code` in the text, with the document they apply to. */
export async function quickFixesFor(text: string, code: string): Promise<Array<{ action: CodeAction; diagnostic: Diagnostic }>> {
    const document = await openDocument(text);
    const result: Array<{ action: CodeAction; diagnostic: Diagnostic }> = [];
    for (const diagnostic of (await publishedDiagnostics(document)).filter(d => d.code === code)) {
        const actions = await lsp.Rpcstate.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.uri.toString() },
            range: diagnostic.range,
            context: { diagnostics: [diagnostic] },
        }) ?? [];
        for (const action of actions) {
            if ('edit' in action) result.push({ action: action as CodeAction, diagnostic });
        }
    }
    return result;
}

/** The text after a code action's edits (all edits are to the one document). */
export function applyAction(text: string, action: CodeAction): string {
    const edits: TextEdit[] = Object.values(action.edit?.changes ?? {}).flat();
    return TextDocument.applyEdits(TextDocument.create(URI.file('/x').toString(), 'rpcstate', 0, text), edits);
}
