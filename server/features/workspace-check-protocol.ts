/**
 * The one custom request between the VS Code extension and the language
 * server: "check these files now". Kept free of imports so that both the
 * client bundle and the server can use it without pulling in the other's
 * libraries.
 *
 * Why a request and not "open every file in the editor": documents that an
 * extension opens without showing them live only as long as VS Code keeps
 * them (it disposes hidden ones, and the language client then sends
 * didClose), every file's full text would cross the connection twice, and
 * the command could not say when the check was done or what it found. The
 * server already indexes the workspace's files from disk; this request asks
 * it to validate them and publish their diagnostics like an edit would.
 */
export const CHECK_WORKSPACE_REQUEST = 'rpcstate/checkWorkspace';

export interface CheckWorkspaceParams {
    /**
     * Folders (file URIs as strings) to search for `*.rpcstate` files with the
     * same search as `rpcstate check FOLDER` (language/workspace/spec-files.ts:
     * `.rpcstateignore`, no node_modules or dot-folders, links to files followed).
     */
    readonly folders?: readonly string[];
    /** Files to check as they are (URIs as strings). */
    readonly uris?: readonly string[];
}

export interface CheckWorkspaceResult {
    /** Files checked; their diagnostics were published as usual. */
    readonly files: number;
    readonly errors: number;
    readonly warnings: number;
    /** Files that could not be read, each with the reason. */
    readonly unreadable: ReadonlyArray<{ readonly uri: string; readonly reason: string }>;
    /** What the folder search left out (links, dot-folders, node_modules), each with the reason. */
    readonly skipped?: ReadonlyArray<{ readonly uri: string; readonly reason: string }>;
}
