import * as vscode from 'vscode';
import type { SourceRange } from '../language/model/source-range.js';
import { COMPOSITION_REQUEST, STEP_INTERLEAVING_COMMAND, type CompositionAnswer, type CompositionParams } from '../server/features/composition-protocol.js';
import type { RpcstateCommand } from './commands.js';
import { deadlockEntries, stepEntries } from './interleaving-steps.js';
import type { ServerLifecycle } from './server-lifecycle.js';

/**
 * "rpcstate: Step Through a Deadlock" (palette, and the code lens on the
 * `protocol` line with args (documentUri)): asks the server for the client ×
 * server check, lets the user choose a deadlock when there are several, then
 * shows its interleaving as a list that stays open. Moving through it (↑/↓,
 * or the mouse) selects each step's transition in the editor, and the state
 * the other machine is in as a second selection; Enter closes the list and
 * keeps the selection, Escape closes it too.
 */
export function stepInterleavingCommand(server: ServerLifecycle): RpcstateCommand {
    return {
        id: STEP_INTERLEAVING_COMMAND,
        async run(documentUri?: unknown, deadlock?: unknown): Promise<void> {
            const uri = typeof documentUri === 'string' ? vscode.Uri.parse(documentUri)
                : documentUri instanceof vscode.Uri ? documentUri : vscode.window.activeTextEditor?.document.uri;
            if (!uri || !uri.path.endsWith('.rpcstate')) {
                void vscode.window.showErrorMessage('rpcstate: Step Through a Deadlock needs an open .rpcstate file.');
                return;
            }
            const client = await server.running();
            if (!client) {
                void vscode.window.showErrorMessage('rpcstate: the language server is not running; run "rpcstate: Restart Language Server".');
                return;
            }
            const editor = await vscode.window.showTextDocument(uri, { preserveFocus: false, preview: false });
            const params: CompositionParams = { uri: uri.toString() };
            const answer = await client.sendRequest<CompositionAnswer>(COMPOSITION_REQUEST, params);
            const report = answer.report;
            if (!report || report.deadlocks.length === 0) {
                void vscode.window.showInformationMessage(`rpcstate: ${report ? answer.verdict : 'the text changed while it was checked; try again'}.`);
                return;
            }
            const index = typeof deadlock === 'number' && report.deadlocks[deadlock] ? deadlock
                : report.deadlocks.length === 1 ? 0
                    : (await vscode.window.showQuickPick(deadlockEntries(report), { title: `${answer.verdict}: which one?` }))?.index;
            if (index === undefined) return;
            await stepThrough(editor, report.deadlocks.length, index, stepEntries(report.deadlocks[index]));
        },
    };
}

async function stepThrough(editor: vscode.TextEditor, count: number, index: number, entries: ReturnType<typeof stepEntries>): Promise<void> {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { selections: readonly SourceRange[] }>();
    pick.title = `Deadlock ${index + 1} of ${count}: ↑/↓ steps through the interleaving, Enter keeps the selection`;
    pick.items = entries.map(entry => ({ label: entry.label, description: entry.description, selections: entry.selections }));
    pick.matchOnDescription = true;
    pick.onDidChangeActive(([item]) => {
        if (!item || item.selections.length === 0) return;
        editor.selections = item.selections.map(r => new vscode.Selection(r.start.line, r.start.character, r.end.line, r.end.character));
        editor.revealRange(editor.selections[0], vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    });
    const closed = new Promise<void>(resolve => {
        pick.onDidAccept(() => pick.hide());
        pick.onDidHide(() => { pick.dispose(); resolve(); });
    });
    pick.show();
    await closed;
}
