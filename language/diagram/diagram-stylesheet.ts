/**
 * How a diagram looks, as CSS over the classes the SVG renderer writes. Every
 * colour is a `--rs-*` variable: the CLI's SVG embeds LIGHT_THEME, the VS Code
 * webview maps the same variables to the editor's `--vscode-*` theme colours.
 * The SVG itself carries no style attribute, so a strict CSP can host it.
 */
export const DIAGRAM_RULES = `
.rpcstate-diagram { font-family: var(--rs-font); font-size: 11px; }
.rpcstate-diagram text { fill: var(--rs-foreground); white-space: pre; }
.rpcstate-diagram .rs-background { fill: var(--rs-background); }
.rpcstate-diagram .rs-banner { fill: var(--rs-error); font-weight: bold; }
.rpcstate-diagram .rs-machine-frame { fill: var(--rs-machine-fill); stroke: var(--rs-machine-stroke); stroke-width: 1; }
.rpcstate-diagram .rs-machine-title { font-size: 13px; font-weight: bold; }
.rpcstate-diagram .rs-machine-note { fill: var(--rs-muted); font-style: italic; }
.rpcstate-diagram .rs-state-box, .rpcstate-diagram .rs-end-outer { fill: var(--rs-state-fill); stroke: var(--rs-state-stroke); stroke-width: 1.2; }
.rpcstate-diagram .rs-end-inner, .rpcstate-diagram .rs-initial-dot { fill: var(--rs-foreground); stroke: none; }
.rpcstate-diagram .rs-state-name { font-size: 13px; font-weight: bold; }
.rpcstate-diagram .rs-state-description { fill: var(--rs-muted); }
.rpcstate-diagram .rs-state-action { fill: var(--rs-action); }
.rpcstate-diagram .rs-edge-line { fill: none; stroke: var(--rs-edge); stroke-width: 1.2; }
.rpcstate-diagram .rs-edge-hit { fill: none; stroke: transparent; stroke-width: 10; }
.rpcstate-diagram .rs-edge-label { fill: var(--rs-edge-label); }
.rpcstate-diagram .rs-edge-label-bg { fill: var(--rs-label-background); }
.rpcstate-diagram .rs-arrowhead { fill: var(--rs-edge); }
.rpcstate-diagram .rs-arrowhead-error { fill: var(--rs-error); }
.rpcstate-diagram .rs-unreachable { opacity: 0.55; }
.rpcstate-diagram .rs-unreachable .rs-state-box, .rpcstate-diagram .rs-unreachable .rs-end-outer, .rpcstate-diagram .rs-unreachable .rs-edge-line { stroke-dasharray: 5 3; }
.rpcstate-diagram .rs-missing .rs-state-box { stroke: var(--rs-error); stroke-dasharray: 2 2; }
.rpcstate-diagram .rs-has-warning .rs-state-box, .rpcstate-diagram .rs-has-warning .rs-end-outer, .rpcstate-diagram .rs-has-warning.rs-edge .rs-edge-line { stroke: var(--rs-warning); stroke-width: 2; }
.rpcstate-diagram .rs-has-warning.rs-machine .rs-machine-frame { stroke: var(--rs-warning); }
.rpcstate-diagram .rs-has-error .rs-state-box, .rpcstate-diagram .rs-has-error .rs-end-outer, .rpcstate-diagram .rs-has-error.rs-edge .rs-edge-line { stroke: var(--rs-error); stroke-width: 2; }
.rpcstate-diagram .rs-has-error.rs-machine .rs-machine-frame { stroke: var(--rs-error); stroke-width: 2; }
.rpcstate-diagram .rs-has-error > .rs-state-name, .rpcstate-diagram .rs-has-error.rs-edge .rs-edge-label, .rpcstate-diagram .rs-has-error > .rs-machine-title { fill: var(--rs-error); }
.rpcstate-diagram .rs-state-waiting { fill: var(--rs-error); font-weight: bold; }
.rpcstate-diagram .rs-waiting .rs-state-box { stroke: var(--rs-error); stroke-width: 2.5; stroke-dasharray: 6 2; }
.rpcstate-diagram .rs-step .rs-edge-line { stroke: var(--rs-highlight); stroke-width: 2.5; }
.rpcstate-diagram .rs-step .rs-edge-label { fill: var(--rs-highlight); font-weight: bold; }
.rpcstate-diagram .rs-selected .rs-state-box, .rpcstate-diagram .rs-selected .rs-end-outer, .rpcstate-diagram .rs-selected.rs-edge .rs-edge-line { stroke: var(--rs-highlight); stroke-width: 3; }
.rpcstate-diagram .rs-selected.rs-edge .rs-edge-label { fill: var(--rs-highlight); font-weight: bold; }
`;

/** The default colours: a light theme for the SVG the CLI writes. */
export const LIGHT_THEME = `
.rpcstate-diagram {
  --rs-font: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
  --rs-background: #ffffff;
  --rs-foreground: #1f2328;
  --rs-muted: #59636e;
  --rs-action: #0b5cad;
  --rs-machine-fill: #f6f8fa;
  --rs-machine-stroke: #d1d9e0;
  --rs-state-fill: #ffffff;
  --rs-state-stroke: #59636e;
  --rs-edge: #59636e;
  --rs-edge-label: #1f2328;
  --rs-label-background: #f6f8fa;
  --rs-error: #cf222e;
  --rs-warning: #9a6700;
  --rs-highlight: #0969da;
}
`;

/** The variables mapped to VS Code's theme colours (light, dark and high contrast follow the editor). */
export const VSCODE_THEME = `
:root {
  --rs-font: var(--vscode-editor-font-family, monospace);
  --rs-background: var(--vscode-editor-background);
  --rs-foreground: var(--vscode-editor-foreground);
  --rs-muted: var(--vscode-descriptionForeground);
  --rs-action: var(--vscode-textLink-foreground);
  --rs-machine-fill: var(--vscode-sideBar-background, var(--vscode-editor-background));
  --rs-machine-stroke: var(--vscode-panel-border, var(--vscode-contrastBorder, transparent));
  --rs-state-fill: var(--vscode-editorWidget-background);
  --rs-state-stroke: var(--vscode-editorWidget-border, var(--vscode-contrastBorder, var(--vscode-editor-foreground)));
  --rs-edge: var(--vscode-editorLineNumber-foreground, var(--vscode-editor-foreground));
  --rs-edge-label: var(--vscode-editor-foreground);
  --rs-label-background: var(--vscode-editor-background);
  --rs-error: var(--vscode-editorError-foreground);
  --rs-warning: var(--vscode-editorWarning-foreground);
  --rs-highlight: var(--vscode-focusBorder);
}
body.vscode-high-contrast .rpcstate-diagram .rs-state-box, body.vscode-high-contrast .rpcstate-diagram .rs-edge-line { stroke-width: 2; }
`;
