import { DIAGRAM_RULES, VSCODE_THEME } from '../../language/diagram/diagram-stylesheet.js';

/**
 * The diagram webview's page. Pure (no `vscode` import) so tests can load the
 * very same page in Chromium. The CSP allows the one script file (by nonce and
 * source), styles only from the nonce'd block below, images only from the
 * extension, and nothing remote: whatever a spec's text holds can at most be
 * text in the picture.
 */
export interface WebviewPage {
    /** `webview.cspSource`: the origin the webview serves extension files from. */
    readonly cspSource: string;
    /** A fresh random value per page load. */
    readonly nonce: string;
    /** `webview.asWebviewUri(<extension>/out/diagram-webview.js)`. */
    readonly scriptUri: string;
    readonly title: string;
}

export function diagramWebviewHtml(page: WebviewPage): string {
    const nonce = attribute(page.nonce);
    const csp = [
        "default-src 'none'",
        `script-src 'nonce-${page.nonce}'`,
        `style-src ${page.cspSource} 'nonce-${page.nonce}'`,
        `img-src ${page.cspSource} data:`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${text(page.title)}</title>
<style nonce="${nonce}">
${VSCODE_THEME}
${DIAGRAM_RULES}
html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }
body { background: var(--vscode-editor-background); color: var(--vscode-editor-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
#toolbar { position: fixed; top: 0; left: 0; right: 0; display: flex; gap: 6px; align-items: center; padding: 4px 8px; background: var(--vscode-editorWidget-background); border-bottom: 1px solid var(--vscode-panel-border, transparent); z-index: 1; }
#toolbar button { background: var(--vscode-button-secondaryBackground, var(--vscode-button-background)); color: var(--vscode-button-secondaryForeground, var(--vscode-button-foreground)); border: 1px solid var(--vscode-button-border, transparent); padding: 2px 8px; cursor: pointer; font: inherit; }
#toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground, var(--vscode-button-hoverBackground)); }
#toolbar button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
#status { margin-left: auto; color: var(--vscode-descriptionForeground); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#status.error { color: var(--vscode-errorForeground); }
#canvas { position: absolute; top: 32px; left: 0; right: 0; bottom: 0; cursor: grab; touch-action: none; }
#canvas.panning { cursor: grabbing; }
#canvas svg { display: block; width: 100%; height: 100%; }
#canvas [data-id] { cursor: pointer; }
</style>
</head>
<body>
<div id="toolbar" role="toolbar" aria-label="Diagram">
<button id="fit" type="button" title="Fit the diagram to the view">Fit</button>
<button id="zoom-in" type="button" title="Zoom in">+</button>
<button id="zoom-out" type="button" title="Zoom out">−</button>
<button id="export" type="button" title="Save the diagram as an SVG file">Export SVG</button>
<span id="status" role="status">Drawing…</span>
</div>
<div id="canvas" aria-label="State machine diagram"></div>
<script nonce="${nonce}" src="${attribute(page.scriptUri)}"></script>
</body>
</html>
`;
}

function text(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attribute(value: string): string {
    return text(value).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
