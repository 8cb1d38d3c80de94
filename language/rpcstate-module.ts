import type { DefaultSharedModuleContext, LangiumServices, LangiumSharedServices, PartialLangiumServices, PartialLangiumSharedServices } from 'langium/lsp';
import { createDefaultModule, createDefaultSharedModule } from 'langium/lsp';
import type { Module } from 'langium';
import { inject } from 'langium';
import { RpcstateGeneratedModule, RpcstateGeneratedSharedModule } from './generated/module.js';
import { MachineScopeComputation } from './scoping/machine-scope-computation.js';
import { StateScopeProvider } from './scoping/state-scope-provider.js';
import { DocumentLocalBuilder } from './workspace/document-local-builder.js';
import { LazyLinker } from './workspace/lazy-linker.js';
import { MachineReparsingDocumentFactory } from './workspace/machine-reparsing-document-factory.js';
import { MachineReferences } from './workspace/machine-references.js';
import { NoReferenceIndex } from './workspace/no-reference-index.js';
import { createRpcstateParser } from './syntax/fast-parser/fast-langium-parser.js';
import { RpcstateLexerErrorMessageProvider, RpcstateParserErrorMessageProvider } from './syntax/syntax-messages.js';
import type { AnalyzeOptions } from './analysis/analyze-protocol.js';
import { ProtocolAnalyzer } from './pipeline/protocol-analyzer.js';
import { ConfigResolver } from './config/config-resolver.js';
import { RpcstateDocumentValidator } from './validation/rpcstate-document-validator.js';

/** Services the language adds to Langium's. */
export interface RpcstateAddedServices {
    analysis: {
        ProtocolAnalyzer: ProtocolAnalyzer;
    };
    config: {
        /** Which rpcstate.json applies to a document (language/config/). */
        ConfigResolver: ConfigResolver;
    };
}

export type RpcstateServices = LangiumServices & RpcstateAddedServices;

export const RpcstateModule: Module<RpcstateServices, PartialLangiumServices & RpcstateAddedServices> = {
    analysis: {
        ProtocolAnalyzer: () => new ProtocolAnalyzer(),
    },
    config: {
        ConfigResolver: () => new ConfigResolver(),
    },
    parser: {
        // The hand-written parser (language/syntax/fast-parser/); RPCSTATE_PARSER=chevrotain selects Langium's generated one.
        LangiumParser: services => createRpcstateParser(services),
        ParserErrorMessageProvider: () => new RpcstateParserErrorMessageProvider(),
        LexerErrorMessageProvider: () => new RpcstateLexerErrorMessageProvider(),
    },
    references: {
        ScopeProvider: services => new StateScopeProvider(services),
        ScopeComputation: services => new MachineScopeComputation(services),
        // The edit loop neither links eagerly nor indexes references (language/workspace/).
        Linker: services => new LazyLinker(services),
        References: services => new MachineReferences(services),
    },
    workspace: {
        ReferenceDescriptionProvider: () => new NoReferenceIndex(),
    },
    validation: {
        DocumentValidator: services => new RpcstateDocumentValidator(services),
    },
};

/** Shared services the language replaces: references never leave their document (see DocumentLocalBuilder); an edit re-parses its machine only. */
export const RpcstateSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        DocumentBuilder: services => new DocumentLocalBuilder(services),
        LangiumDocumentFactory: services => new MachineReparsingDocumentFactory(services),
    },
};

/** The context of the services; the language server adds shared-level services (workspace symbols) through `sharedModule`. */
export interface RpcstateModuleContext extends DefaultSharedModuleContext {
    readonly sharedModule?: Module<LangiumSharedServices, PartialLangiumSharedServices>;
}

/** A module that runs the analysis with `options` (the CLI's --composition-budget); pass it to createRpcstateServices. */
export function analysisOptionsModule(options: AnalyzeOptions): Module<RpcstateServices, PartialLangiumServices & Partial<RpcstateAddedServices>> {
    return { analysis: { ProtocolAnalyzer: () => new ProtocolAnalyzer(options) } };
}

/**
 * Creates the shared and the language services. The language server passes
 * its editor-feature module(s) as `extra` (server/rpcstate-lsp-module.ts); the CLI and
 * most tests need none.
 */
export function createRpcstateServices(context: RpcstateModuleContext, ...extra: Array<Module<RpcstateServices, PartialLangiumServices>>): { shared: LangiumSharedServices; Rpcstate: RpcstateServices } {
    const shared = inject(createDefaultSharedModule(context), RpcstateGeneratedSharedModule, RpcstateSharedModule, context.sharedModule ?? {});
    const Rpcstate = inject(createDefaultModule({ shared }), RpcstateGeneratedModule, RpcstateModule, ...extra) as RpcstateServices;
    shared.ServiceRegistry.register(Rpcstate);
    if (!context.connection) {
        // Without a language client nobody sends configuration: build with defaults now.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Rpcstate };
}
