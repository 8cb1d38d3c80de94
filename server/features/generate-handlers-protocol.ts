/**
 * The request behind "rpcstate: Generate Handlers": generation is language
 * work, so the server does it (it has the parser, the checks and the
 * generator already) and the extension stays small. Import-free so both the
 * client bundle and the server can use it.
 */
export const GENERATE_HANDLERS_REQUEST = 'rpcstate/generateHandlers';

export interface GenerateHandlersParams {
    /** The saved spec (a file: URI). */
    readonly uri: string;
    /** The machine whose handlers file the editor should open (the code lens's machine). */
    readonly machine?: string;
    /** Only plan: say what would be written and kept. */
    readonly dryRun?: boolean;
}

export type GenerateHandlersResult =
    | { readonly kind: 'refused'; readonly errors: number }
    | { readonly kind: 'failed'; readonly message: string }
    | {
        readonly kind: 'generated';
        readonly outDir: string;
        /** Every file considered: written, kept (a handlers file that exists) or unchanged. */
        readonly files: ReadonlyArray<{ readonly path: string; readonly name: string; readonly action: string }>;
        /** The handlers file to show: the requested machine's, else the first. */
        readonly handlersPath?: string;
    };
