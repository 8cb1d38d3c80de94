/**
 * The messages between the diagram panel (extension host) and its webview.
 * Plain data both ways; the webview trusts none of it more than text.
 */
export type ToWebview =
    /** A new picture: the SVG from the language server (no stylesheet: the page styles it). */
    | { readonly type: 'update'; readonly svg: string; readonly summary: string }
    /** Mark the element with this diagram id as selected (the text cursor is in it), or none. */
    | { readonly type: 'highlight'; readonly id: string | undefined }
    /** The diagram cannot be drawn now (no server, bad request); the last picture stays. */
    | { readonly type: 'error'; readonly message: string };

export type FromWebview =
    /** The page's script runs and wants the diagram. */
    | { readonly type: 'ready' }
    /** The user clicked the element with this diagram id. */
    | { readonly type: 'select'; readonly id: string }
    /** The user asked to save the diagram as an SVG file. */
    | { readonly type: 'exportSvg' };

export function isFromWebview(value: unknown): value is FromWebview {
    if (typeof value !== 'object' || value === null) return false;
    const message = value as { type?: unknown; id?: unknown };
    switch (message.type) {
        case 'ready':
        case 'exportSvg': return true;
        case 'select': return typeof message.id === 'string';
        default: return false;
    }
}
