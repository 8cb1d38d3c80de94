import * as vscode from 'vscode';
import type { RpcstateCommand } from './commands.js';
import type { ServerLifecycle } from './server-lifecycle.js';

/** "rpcstate: Restart Language Server": a fresh server process, e.g. after it gave up restarting itself. */
export function restartServerCommand(server: ServerLifecycle): RpcstateCommand {
    return {
        id: 'rpcstate.restartServer',
        async run(): Promise<boolean> {
            const client = await server.restart();
            if (client) void vscode.window.setStatusBarMessage('rpcstate: language server restarted', 3000);
            return client !== undefined;
        },
    };
}
