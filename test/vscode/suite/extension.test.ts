// In order: the first test runs before any document is opened, so only
// "rpcstate: Check Workspace" can have put the never-opened file into Problems.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { waitFor } from './wait.js';

const EXTENSION_ID = 'rpcstate.rpcstate';

function workspaceFile(path: string): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test instance has a workspace folder open');
    return vscode.Uri.joinPath(folder.uri, path);
}

/** A diagnostic's code: with a documentation link (codeDescription) VS Code hands it over as { value, target }. */
function codeOf(d: vscode.Diagnostic): string {
    return String(typeof d.code === 'object' ? d.code.value : d.code);
}

function codesOf(uri: vscode.Uri): string[] {
    return vscode.languages.getDiagnostics(uri).map(codeOf).sort();
}

function extension(): vscode.Extension<unknown> {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    return ext;
}

interface CheckWorkspaceResult { files: number; errors: number; warnings: number; unreadable: unknown[] }

describe('the rpcstate extension in a VS Code extension host', () => {
    it('Check Workspace activates the extension and puts every file into Problems, opened or not', async () => {
        const neverOpened = workspaceFile('never-opened/wrong-side.rpcstate');
        assert.deepEqual(codesOf(neverOpened), [], 'nothing is reported before the command');
        const result = await vscode.commands.executeCommand<CheckWorkspaceResult>('rpcstate.checkWorkspace');
        assert.ok(extension().isActive, 'running a contributed command activates the extension');
        assert.equal(result.files, 3);
        assert.equal(result.errors, 2);
        assert.equal(result.warnings, 1);
        assert.deepEqual(result.unreadable, []);
        await waitFor(() => codesOf(neverOpened).length > 0, 'diagnostics of the never-opened file');
        assert.deepEqual(codesOf(neverOpened), ['wrong-side']);
        assert.ok(
            !vscode.workspace.textDocuments.some(d => d.uri.toString() === neverOpened.toString()),
            'the command checked the file without opening it',
        );
    });

    it('declares activation on the language and on its commands', () => {
        const events: string[] = extension().packageJSON.activationEvents ?? [];
        assert.ok(events.includes('onLanguage:rpcstate'), JSON.stringify(events));
    });

    it('shows a broken file\'s problems with the contract\'s codes, source and severities', async () => {
        const uri = workspaceFile('broken.rpcstate');
        const document = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(document);
        assert.equal(document.languageId, 'rpcstate');
        await waitFor(() => codesOf(uri).length === 2, 'two diagnostics on broken.rpcstate');
        const byCode = new Map(vscode.languages.getDiagnostics(uri).map(d => [codeOf(d), d]));
        assert.deepEqual([...byCode.keys()].sort(), ['unhandled-outcome', 'unknown-state']);
        assert.equal(byCode.get('unknown-state')!.severity, vscode.DiagnosticSeverity.Error);
        assert.equal(byCode.get('unknown-state')!.range.start.line, 17);
        assert.equal(byCode.get('unhandled-outcome')!.severity, vscode.DiagnosticSeverity.Warning);
        assert.equal(byCode.get('unhandled-outcome')!.range.start.line, 6);
        for (const d of byCode.values()) assert.equal(d.source, 'rpcstate');
    });

    it('reports nothing for the documented tables', async () => {
        const uri = workspaceFile('documented.rpcstate');
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        // A check of the whole workspace answers only after publishing every file's diagnostics.
        await vscode.commands.executeCommand('rpcstate.checkWorkspace');
        assert.deepEqual(codesOf(uri), []);
    });

    it('checks edits as they happen, in an untitled document too', async () => {
        const document = await vscode.workspace.openTextDocument({
            language: 'rpcstate',
            content: readFileSync(workspaceFile('documented.rpcstate').fsPath, 'utf8'),
        });
        const editor = await vscode.window.showTextDocument(document);
        const text = document.getText();
        const at = text.indexOf('-> Comp');
        assert.ok(at > 0);
        await editor.edit(edit => edit.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + '-> Comp'.length)), '-> Nowhere'));
        await waitFor(() => codesOf(document.uri).includes('unknown-state'), 'unknown-state after the edit');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('registers exactly the commands package.json contributes, and they run', async () => {
        const contributed: string[] = (extension().packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command).sort();
        const registered = (await vscode.commands.getCommands(true)).filter(id => id.startsWith('rpcstate.')).sort();
        assert.deepEqual(registered, contributed);
        assert.ok(contributed.includes('rpcstate.checkWorkspace') && contributed.includes('rpcstate.restartServer'));
        const restarted = await vscode.commands.executeCommand<boolean>('rpcstate.restartServer');
        assert.equal(restarted, true);
        // the fresh server checks again
        const uri = workspaceFile('broken.rpcstate');
        const result = await vscode.commands.executeCommand<CheckWorkspaceResult>('rpcstate.checkWorkspace');
        assert.equal(result.files, 3);
        await waitFor(() => codesOf(uri).length === 2, 'diagnostics from the restarted server');
    });
});
