import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { DiagramModel } from '../../language/diagram/diagram-model.js';
import { elementAtPosition, elementById } from '../../language/diagram/diagram-selection.js';
import type { SourceRange } from '../../language/model/source-range.js';
import { DIAGRAM_REQUEST, type DiagramParams, type DiagramResult } from '../../server/features/diagram-protocol.js';
import type { RpcstateCommand } from '../commands.js';
import { diagramWebviewHtml } from './webview-html.js';
import { isFromWebview, type ToWebview } from './webview-messages.js';

/** What the panel needs of the language client: a running one, or none (ServerLifecycle provides it). */
export interface DiagramServer {
    running(): Promise<{ sendRequest<R>(method: string, params: unknown): Promise<R> } | undefined>;
}

export const SHOW_DIAGRAM_COMMAND = 'rpcstate.showDiagram';
/**
 * Edits come in bursts; redraw once the typing pauses. Short, because the
 * redraw itself (parse, analysis, layout, SVG) takes about 200 ms at 100
 * states and the view should follow within about 300 ms; a redraw that an
 * older request finishes after is dropped (see `requested` / `shown`).
 */
const REDRAW_DELAY_MS = 100;

/** "rpcstate: Show Diagram", as one entry of the extension's command list. */
export function showDiagramCommand(context: vscode.ExtensionContext, server: DiagramServer): RpcstateCommand {
    return {
        id: SHOW_DIAGRAM_COMMAND,
        run: async (resource?: unknown) => {
            const document = await documentToDraw(resource);
            if (!document) {
                void vscode.window.showInformationMessage('rpcstate: open an .rpcstate file first; Show Diagram draws the file of the active editor.');
                return;
            }
            DiagramPanel.show(context, server, document);
        },
    };
}

async function documentToDraw(resource: unknown): Promise<vscode.TextDocument | undefined> {
    // From the explorer or the editor title, VS Code passes the file's URI; the code lens passes it as a string.
    if (resource instanceof vscode.Uri) return vscode.workspace.openTextDocument(resource);
    if (typeof resource === 'string' && resource.length > 0) return vscode.workspace.openTextDocument(vscode.Uri.parse(resource));
    const active = vscode.window.activeTextEditor?.document;
    return active?.languageId === 'rpcstate' ? active : undefined;
}

/**
 * One webview beside the editor per document. Follows edits (debounced),
 * maps clicks in the picture to selections in the text and the text cursor
 * to a highlighted element, and exports the SVG.
 */
class DiagramPanel implements vscode.Disposable {
    private static readonly open = new Map<string, DiagramPanel>();
    private readonly panel: vscode.WebviewPanel;
    private readonly disposables: vscode.Disposable[] = [];
    private diagram: DiagramModel | undefined;
    private timer: NodeJS.Timeout | undefined;
    /** Each request's number; an answer older than the last one shown is dropped. */
    private requested = 0;
    private shown = 0;

    static show(context: vscode.ExtensionContext, server: DiagramServer, document: vscode.TextDocument): void {
        const key = document.uri.toString();
        const existing = DiagramPanel.open.get(key);
        if (existing) {
            existing.panel.reveal(vscode.ViewColumn.Beside, true);
            return;
        }
        DiagramPanel.open.set(key, new DiagramPanel(context, server, document));
    }

    private constructor(context: vscode.ExtensionContext, private readonly server: DiagramServer, private readonly document: vscode.TextDocument) {
        const scriptRoot = vscode.Uri.joinPath(context.extensionUri, 'out');
        this.panel = vscode.window.createWebviewPanel('rpcstate.diagram', `Diagram: ${baseName(document.uri)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
            enableScripts: true,
            localResourceRoots: [scriptRoot],
        });
        const webview = this.panel.webview;
        webview.html = diagramWebviewHtml({
            cspSource: webview.cspSource,
            nonce: randomBytes(16).toString('base64'),
            scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(scriptRoot, 'diagram-webview.js')).toString(),
            title: `Diagram of ${baseName(document.uri)}`,
        });
        this.disposables.push(
            webview.onDidReceiveMessage(message => this.onMessage(message)),
            vscode.workspace.onDidChangeTextDocument(event => {
                if (event.document === this.document) this.scheduleRedraw();
            }),
            vscode.window.onDidChangeTextEditorSelection(event => {
                if (event.textEditor.document === this.document) this.highlightAt(event.selections[0]?.active);
            }),
            vscode.workspace.onDidCloseTextDocument(closed => {
                if (closed === this.document) this.panel.dispose();
            }),
            this.panel.onDidDispose(() => this.dispose()),
        );
    }

    dispose(): void {
        DiagramPanel.open.delete(this.document.uri.toString());
        clearTimeout(this.timer);
        for (const disposable of this.disposables.splice(0)) disposable.dispose();
    }

    private onMessage(message: unknown): void {
        if (!isFromWebview(message)) return;
        switch (message.type) {
            case 'ready': void this.redraw(); break;
            case 'select': void this.selectInText(message.id); break;
            case 'exportSvg': void this.exportSvg(); break;
        }
    }

    private scheduleRedraw(): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.redraw(), REDRAW_DELAY_MS);
    }

    private async redraw(): Promise<void> {
        const number = ++this.requested;
        const result = await this.request(false);
        if (!result || number < this.shown) return;
        this.shown = number;
        this.diagram = result.diagram;
        this.post({ type: 'update', svg: result.svg, summary: summarize(result.diagram) });
        const editor = vscode.window.visibleTextEditors.find(e => e.document === this.document);
        if (editor) this.highlightAt(editor.selection.active);
    }

    private async request(standalone: boolean): Promise<DiagramResult | undefined> {
        const client = await this.server.running();
        if (!client) {
            this.post({ type: 'error', message: 'The rpcstate language server is not running: run "rpcstate: Restart Language Server".' });
            return undefined;
        }
        try {
            const params: DiagramParams = { uri: this.document.uri.toString(), standalone };
            return await client.sendRequest<DiagramResult>(DIAGRAM_REQUEST, params);
        } catch (error) {
            this.post({ type: 'error', message: `Cannot draw the diagram: ${(error as Error)?.message ?? String(error)}` });
            return undefined;
        }
    }

    private highlightAt(position: vscode.Position | undefined): void {
        if (!this.diagram || !position) return;
        this.post({ type: 'highlight', id: elementAtPosition(this.diagram, { line: position.line, character: position.character })?.id });
    }

    private async selectInText(id: string): Promise<void> {
        const element = this.diagram && elementById(this.diagram, id);
        if (!element) return;
        const range = toRange(element.selectionRange);
        const visible = vscode.window.visibleTextEditors.find(e => e.document === this.document);
        const editor = await vscode.window.showTextDocument(this.document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
        editor.selection = new vscode.Selection(range.start, range.end);
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    private async exportSvg(): Promise<void> {
        const target = await vscode.window.showSaveDialog({
            defaultUri: this.document.uri.with({ path: this.document.uri.path.replace(/\.rpcstate$/, '') + '.svg' }),
            filters: { SVG: ['svg'] },
            title: 'Export the diagram as SVG',
        });
        if (!target) return;
        const result = await this.request(true);
        if (!result) return;
        try {
            await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.svg));
            void vscode.window.showInformationMessage(`rpcstate: diagram saved to ${vscode.workspace.asRelativePath(target)}`);
        } catch (error) {
            void vscode.window.showErrorMessage(`rpcstate: cannot save the diagram: ${(error as Error)?.message ?? String(error)}`);
        }
    }

    private post(message: ToWebview): void {
        void this.panel.webview.postMessage(message);
    }
}

/** The status line of the webview: what the picture holds and what is wrong with it. */
function summarize(diagram: DiagramModel): string {
    const states = diagram.machines.reduce((n, m) => n + m.states.filter(s => !s.missing).length, 0);
    let errors = diagram.syntaxErrors.length + diagram.otherFindings.filter(f => f.severity === 'error').length;
    let warnings = diagram.otherFindings.filter(f => f.severity === 'warning').length;
    for (const machine of diagram.machines) {
        for (const element of [machine, ...machine.states, ...machine.transitions]) {
            errors += element.findings.filter(f => f.severity === 'error').length;
            warnings += element.findings.filter(f => f.severity === 'warning').length;
        }
    }
    const parts = [`${diagram.machines.length} machine${diagram.machines.length === 1 ? '' : 's'}, ${states} state${states === 1 ? '' : 's'}`];
    if (errors + warnings > 0) parts.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (hover an element for details)`);
    if (diagram.syntaxErrors.length > 0) parts.push('syntax errors: showing what parsed');
    return parts.join(' · ');
}

function toRange(range: SourceRange): vscode.Range {
    return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function baseName(uri: vscode.Uri): string {
    return uri.path.split('/').pop() ?? uri.path;
}
