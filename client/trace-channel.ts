import * as vscode from 'vscode';

export const TRACE_SETTING = 'rpcstate.trace.server';

/**
 * vscode-languageclient 10 traces the protocol only while its trace channel's
 * log level is Trace, a level users set per channel (Output view → gear) and
 * extensions cannot. To keep the classic `rpcstate.trace.server` setting
 * meaningful on its own, this trace channel reports the level Trace whenever
 * the setting is not "off", and writes the trace lines into the ordinary
 * "rpcstate" channel at its normal level.
 */
export function settingControlledTraceChannel(channel: vscode.LogOutputChannel): vscode.LogOutputChannel {
    const levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
    const level = (): vscode.LogLevel =>
        vscode.workspace.getConfiguration().get<string>(TRACE_SETTING, 'off') === 'off'
            ? vscode.LogLevel.Info
            : vscode.LogLevel.Trace;
    const watcher = vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration(TRACE_SETTING)) levelChanged.fire(level());
    });
    return {
        get name() {
            return channel.name;
        },
        get logLevel() {
            return level();
        },
        onDidChangeLogLevel: levelChanged.event,
        trace: (message: string, ...args: unknown[]) => channel.info(message, ...args),
        debug: (message: string, ...args: unknown[]) => channel.debug(message, ...args),
        info: (message: string, ...args: unknown[]) => channel.info(message, ...args),
        warn: (message: string, ...args: unknown[]) => channel.warn(message, ...args),
        error: (error: string | Error, ...args: unknown[]) => channel.error(error, ...args),
        append: (value: string) => channel.append(value),
        appendLine: (value: string) => channel.appendLine(value),
        replace: (value: string) => channel.replace(value),
        clear: () => channel.clear(),
        show: (columnOrPreserve?: vscode.ViewColumn | boolean, preserveFocus?: boolean) =>
            typeof columnOrPreserve === 'boolean' || columnOrPreserve === undefined
                ? channel.show(columnOrPreserve)
                : channel.show(columnOrPreserve, preserveFocus),
        hide: () => channel.hide(),
        // the "rpcstate" channel itself is disposed with the extension
        dispose: () => {
            watcher.dispose();
            levelChanged.dispose();
        },
    };
}
