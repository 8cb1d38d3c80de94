import * as vscode from 'vscode';
import {
    CHECK_WORKSPACE_REQUEST,
    type CheckWorkspaceParams,
    type CheckWorkspaceResult,
} from '../server/features/workspace-check-protocol.js';
import type { RpcstateCommand } from './commands.js';
import type { ServerLifecycle } from './server-lifecycle.js';

/**
 * "rpcstate: Check Workspace": every `.rpcstate` file of the workspace into
 * Problems, opened or not. The server searches each workspace folder on disk
 * exactly as `rpcstate check FOLDER` does (the same files in CI and in the
 * editor), checks them and publishes their diagnostics (see
 * workspace-check-protocol.ts for why this is a request rather than opening
 * each file).
 */
export function checkWorkspaceCommand(server: ServerLifecycle, output: vscode.LogOutputChannel): RpcstateCommand {
    return {
        id: 'rpcstate.checkWorkspace',
        async run(): Promise<CheckWorkspaceResult | undefined> {
            if (!vscode.workspace.workspaceFolders?.length) {
                void vscode.window.showInformationMessage('rpcstate: open a folder first; Check Workspace checks the .rpcstate files in it.');
                return undefined;
            }
            const client = await server.running();
            if (!client) {
                void vscode.window.showErrorMessage('rpcstate: the language server is not running; run "rpcstate: Restart Language Server" and see the "rpcstate" output.');
                return undefined;
            }
            const started = performance.now();
            // The server searches the folders as `rpcstate check FOLDER` does (one search, language/workspace/spec-files.ts).
            const folders = vscode.workspace.workspaceFolders.filter(folder => folder.uri.scheme === 'file');
            const params: CheckWorkspaceParams = { folders: folders.map(folder => folder.uri.toString()) };
            const result = await vscode.window.withProgress(
                { location: vscode.ProgressLocation.Window, title: 'rpcstate: checking the workspace' },
                () => client.sendRequest<CheckWorkspaceResult>(CHECK_WORKSPACE_REQUEST, params),
            );
            const ms = Math.round(performance.now() - started);
            output.appendLine(
                `check workspace: ${result.files} files, ${result.errors} errors, ${result.warnings} warnings in ${ms} ms`,
            );
            for (const { uri, reason } of result.unreadable) output.appendLine(`check workspace: could not read ${uri}: ${reason}`);
            for (const { uri, reason } of result.skipped ?? []) output.appendLine(`check workspace: skipped ${uri}: ${reason}`);
            const virtualFolders = vscode.workspace.workspaceFolders.length - folders.length;
            if (virtualFolders > 0) {
                output.appendLine(`check workspace: ${virtualFolders} workspace folders are not on disk (virtual workspace) and were not checked; open their files to check them`);
            }
            const summary =
                `rpcstate: checked ${result.files} file${result.files === 1 ? '' : 's'}: ` +
                `${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}` +
                (result.unreadable.length ? `; ${result.unreadable.length} could not be read (see the "rpcstate" output)` : '');
            if (result.errors + result.warnings > 0) {
                await vscode.commands.executeCommand('workbench.actions.view.problems');
            }
            void vscode.window.showInformationMessage(summary);
            return result;
        },
    };
}
