import type { Module } from 'langium';
import type { DefaultSharedModuleContext, PartialLangiumServices } from 'langium/lsp';
import type { RpcstateServices } from '../language/rpcstate-module.js';
import { createRpcstateServices } from '../language/rpcstate-module.js';

/**
 * The editor features of the language server: every LSP provider the
 * language adds to Langium's defaults is registered here, one file per
 * feature under server/features/.
 */
export const RpcstateLspModule: Module<RpcstateServices, PartialLangiumServices> = {
    lsp: {
    },
};

/** The services of the language server: the language, plus its editor features. */
export function createRpcstateLanguageServices(context: DefaultSharedModuleContext) {
    return createRpcstateServices(context, RpcstateLspModule);
}
