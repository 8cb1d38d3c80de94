import { resolve } from 'node:path';
import type { LangiumDocument } from 'langium';
import { URI } from 'langium';
import type { RpcstateServices } from '../language/rpcstate-module.js';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CheckReport, FileReport } from './check-report.js';
import { summarize, toReportedDiagnostic } from './check-report.js';
import type { SourceFile } from './input-files.js';
import { InputError, readSourceFile, resolveInputPaths } from './input-files.js';

export interface LanguageServices {
    readonly shared: LangiumSharedServices;
    readonly Rpcstate: RpcstateServices;
}

/** Checks source texts already in memory: the one code path behind `rpcstate check` and the expect-comment runner. */
export async function checkSources(services: LanguageServices, sources: readonly SourceFile[]): Promise<CheckReport> {
    const documents: Array<{ path: string; document: LangiumDocument }> = sources.map(source => ({
        path: source.path,
        document: services.shared.workspace.LangiumDocumentFactory.fromString(source.text, URI.file(resolve(source.path))),
    }));
    const langiumDocuments = services.shared.workspace.LangiumDocuments;
    for (const { document } of documents) {
        if (langiumDocuments.hasDocument(document.uri)) langiumDocuments.deleteDocument(document.uri);
        langiumDocuments.addDocument(document);
    }
    await services.shared.workspace.DocumentBuilder.build(documents.map(d => d.document), { validation: true });
    const files: FileReport[] = documents.map(({ path, document }) => ({
        path,
        diagnostics: (document.diagnostics ?? []).map(toReportedDiagnostic).sort(byPosition),
    }));
    for (const { document } of documents) langiumDocuments.deleteDocument(document.uri);
    return summarize(files);
}

/** Reads and checks files and folders; unreadable inputs are collected, not thrown. */
export async function checkPaths(services: LanguageServices, paths: readonly string[]): Promise<{ report: CheckReport; inputErrors: InputError[] }> {
    const { files, errors } = await resolveInputPaths(paths);
    const sources: SourceFile[] = [];
    for (const file of files) {
        try {
            sources.push(await readSourceFile(file));
        } catch (error) {
            if (error instanceof InputError) errors.push(error);
            else throw error;
        }
    }
    return { report: await checkSources(services, sources), inputErrors: errors };
}

function byPosition(a: { line: number; column: number; code: string }, b: { line: number; column: number; code: string }): number {
    return a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
}
