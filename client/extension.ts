import * as vscode from 'vscode';
import { checkWorkspaceCommand } from './check-workspace.js';
import { showDiagramCommand } from './diagram/diagram-panel.js';
import { generateHandlersCommand } from './generate-handlers.js';
import { registerCommands, type RpcstateCommand } from './commands.js';
import { isCheckedDocument } from './language-client.js';
import { restartServerCommand } from './restart-server.js';
import { stepInterleavingCommand } from './step-interleaving.js';
import { unsupportedRuntime } from './runtime-check.js';
import { ServerLifecycle } from './server-lifecycle.js';
import { TimingLog } from './timing-log.js';

/**
 * The VS Code extension: it starts the language server (every language
 * feature lives there, so any LSP client gets it) and adds what needs the
 * editor: commands, and the timing lines of the "rpcstate" output channel.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('rpcstate', { log: true });
    context.subscriptions.push(output);
    const timing = new TimingLog({ write: line => output.appendLine(line) });
    timing.activationStarted();

    const server = new ServerLifecycle(context, output, timing);
    context.subscriptions.push(server);

    // Every command of the extension, one entry each (and one in package.json's
    // contributes.commands).
    const commands: RpcstateCommand[] = [
        restartServerCommand(server),
        checkWorkspaceCommand(server, output),
        generateHandlersCommand(server, output),
        showDiagramCommand(context, server),
        stepInterleavingCommand(server),
    ];
    registerCommands(context, commands);

    for (const document of vscode.workspace.textDocuments) {
        if (isCheckedDocument(document)) timing.documentOpened(document.uri.toString(), true);
    }
    context.subscriptions.push(
        vscode.workspace.onDidOpenTextDocument(document => {
            if (isCheckedDocument(document)) timing.documentOpened(document.uri.toString());
        }),
        vscode.workspace.onDidCloseTextDocument(document => timing.documentClosed(document.uri.toString())),
    );

    const unsupported = unsupportedRuntime(process.versions.node, vscode.version);
    if (unsupported) {
        output.appendLine(unsupported);
        void vscode.window.showErrorMessage(unsupported);
        return;
    }
    await server.start('activate');
}

// The server is stopped by disposing the context's subscriptions (ServerLifecycle).
export function deactivate(): void {}
