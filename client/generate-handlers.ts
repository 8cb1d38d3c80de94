import * as vscode from 'vscode';
import {
    GENERATE_HANDLERS_REQUEST,
    type GenerateHandlersParams,
    type GenerateHandlersResult,
} from '../server/features/generate-handlers-protocol.js';
import type { RpcstateCommand } from './commands.js';
import type { ServerLifecycle } from './server-lifecycle.js';

/**
 * "rpcstate: Generate Handlers" (palette, editor, and the code lens above each
 * machine with args (documentUri, machineName)): saves the spec, asks the
 * server to run `rpcstate generate` on it, reports what was written and kept,
 * and opens the machine's handlers file, which generation never overwrites.
 */
export function generateHandlersCommand(server: ServerLifecycle, output: vscode.LogOutputChannel): RpcstateCommand {
    return {
        id: 'rpcstate.generateHandlers',
        needsTrust: true,
        async run(documentUri?: unknown, machineName?: unknown): Promise<GenerateHandlersResult | undefined> {
            const uri = typeof documentUri === 'string' ? vscode.Uri.parse(documentUri)
                : documentUri instanceof vscode.Uri ? documentUri : vscode.window.activeTextEditor?.document.uri;
            if (!uri || uri.scheme !== 'file' || !uri.path.endsWith('.rpcstate')) {
                void vscode.window.showErrorMessage('rpcstate: Generate Handlers needs an .rpcstate file saved on disk.');
                return undefined;
            }
            const open = vscode.workspace.textDocuments.find(document => document.uri.toString() === uri.toString());
            if (open?.isDirty && !(await open.save())) return undefined;
            const client = await server.running();
            if (!client) {
                void vscode.window.showErrorMessage('rpcstate: the language server is not running; run "rpcstate: Restart Language Server".');
                return undefined;
            }
            const params: GenerateHandlersParams = { uri: uri.toString(), ...(typeof machineName === 'string' ? { machine: machineName } : {}) };
            const result = await client.sendRequest<GenerateHandlersResult>(GENERATE_HANDLERS_REQUEST, params);
            if (result.kind === 'refused') {
                const choice = await vscode.window.showErrorMessage(
                    `rpcstate: ${vscode.workspace.asRelativePath(uri)} has ${result.errors} error${result.errors === 1 ? '' : 's'}; fix ${result.errors === 1 ? 'it' : 'them'} first (nothing was generated).`,
                    'Show Problems');
                if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
                return result;
            }
            if (result.kind === 'failed') {
                void vscode.window.showErrorMessage(`rpcstate: nothing was generated: ${result.message}`);
                return result;
            }
            for (const file of result.files) output.appendLine(`generate: ${file.action} ${file.path}`);
            const written = result.files.filter(file => file.action === 'written').length;
            void vscode.window.showInformationMessage(
                `rpcstate: ${written} file${written === 1 ? '' : 's'} written, ${result.files.length - written} kept or unchanged (handler files are never overwritten).`);
            if (result.handlersPath) await vscode.window.showTextDocument(vscode.Uri.file(result.handlersPath));
            return result;
        },
    };
}
