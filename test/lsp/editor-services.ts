import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem } from 'langium';
import type { LangiumDocument } from 'langium';
import { parseHelper } from 'langium/test';
import type { Protocol } from '../../language/generated/ast.js';
import { createRpcstateLanguageServices } from '../../server/rpcstate-lsp-module.js';
import { SHARED_EXAMPLES } from '../support/paths.js';

/** The language server's services without a connection, as the langium/test helpers expect. */
export const services = createRpcstateLanguageServices(EmptyFileSystem);
export const rpcstate = services.Rpcstate;
export const parse = parseHelper<Protocol>(rpcstate);

export function sharedExample(name: string): string {
    return readFileSync(join(SHARED_EXAMPLES, name), 'utf8');
}

export function textDocument(document: LangiumDocument): { uri: string } {
    return { uri: document.uri.toString() };
}

/** The whole document as an LSP range. */
export const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1_000_000, character: 0 } };
