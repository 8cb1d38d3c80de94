import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { isAbsolute, join } from 'node:path';
import { CONFIG_FILE } from '../../language/config/rpcstate-config.js';
import { IGNORE_FILE } from '../../language/workspace/ignore-rules.js';
import type { RpcstateServices } from '../../language/rpcstate-module.js';

/** The setting that names one rpcstate.json for the whole workspace (package.json, contributes.configuration). */
export const CONFIG_FILE_SETTING = 'configFile';

/**
 * Keeps the editor's configuration in step with the CLI's: the
 * `rpcstate.configFile` setting (absolute, or relative to the first
 * workspace folder) replaces the upward search for rpcstate.json, and a
 * created, changed or deleted rpcstate.json or .rpcstateignore re-checks
 * every document. A broken configuration is shown as a warning, once.
 */
export function registerConfiguration(shared: LangiumSharedServices, rpcstate: RpcstateServices): void {
    const resolver = rpcstate.config.ConfigResolver;
    const connection = shared.lsp.Connection;
    if (!connection) return;
    resolver.onProblem = message => void connection.window.showWarningMessage(`rpcstate: ${message}. The configuration is not applied until it is fixed.`);

    let firstFolder: string | undefined;
    shared.lsp.LanguageServer.onInitialize(params => {
        const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
        firstFolder = folder ? URI.parse(folder).fsPath : undefined;
    });

    const applySetting = async () => {
        const value: unknown = await shared.workspace.ConfigurationProvider.getConfiguration('rpcstate', CONFIG_FILE_SETTING);
        const path = typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
        const file = path === undefined ? undefined : isAbsolute(path) || !firstFolder ? path : join(firstFolder, path);
        if (file === resolver.explicitFile || (file === undefined && resolver.explicitFile === undefined)) return;
        resolver.setExplicitFile(file);
        await revalidateAll(shared);
    };
    void shared.workspace.ConfigurationProvider.ready.then(applySetting);
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section === 'rpcstate') void applySetting();
    });
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange(params => {
        const names = [`/${CONFIG_FILE}`, `/${IGNORE_FILE}`];
        const matters = (uri: string) => names.some(name => uri.endsWith(name)) || (resolver.explicitFile !== undefined && URI.parse(uri).fsPath === resolver.explicitFile);
        if (!params.changes.some(change => matters(change.uri))) return;
        resolver.clear();
        void revalidateAll(shared);
    });
}

/** Every known document re-checked, as an edit would re-check one. */
export async function revalidateAll(shared: LangiumSharedServices): Promise<void> {
    await shared.workspace.WorkspaceManager.ready;
    const uris = shared.workspace.LangiumDocuments.all.map(document => document.uri).toArray();
    if (uris.length === 0) return;
    await shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(uris, [], token)).catch(() => undefined);
}
