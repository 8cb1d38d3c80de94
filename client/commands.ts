import * as vscode from 'vscode';

/**
 * One command the extension contributes. Every entry must also be declared
 * under `contributes.commands` in package.json (the extension-host suite
 * checks that the two lists agree).
 */
export interface RpcstateCommand {
    /** The command id, e.g. `rpcstate.checkWorkspace`. */
    readonly id: string;
    /**
     * Writes files or runs code the workspace controls: refused in Restricted
     * Mode (an untrusted workspace). Give such a command
     * `"enablement": "isWorkspaceTrusted"` in package.json as well, so the
     * palette greys it out there.
     */
    readonly needsTrust?: boolean;
    run(...args: unknown[]): unknown;
}

/** Registers every command of `commands`; disposed with the extension. */
export function registerCommands(context: vscode.ExtensionContext, commands: readonly RpcstateCommand[]): void {
    for (const command of commands) {
        context.subscriptions.push(
            vscode.commands.registerCommand(command.id, (...args: unknown[]) => {
                if (command.needsTrust && !vscode.workspace.isTrusted) {
                    void vscode.window.showWarningMessage(
                        `rpcstate: "${command.id}" writes files, so it is disabled in Restricted Mode. ` +
                            'Trust this workspace (Manage Workspace Trust) to use it.',
                    );
                    return undefined;
                }
                return command.run(...args);
            }),
        );
    }
}
