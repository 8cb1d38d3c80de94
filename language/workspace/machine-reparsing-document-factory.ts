import type { AstNode, Cancellation, LangiumDocument, LangiumSharedCoreServices, ParseResult, URI } from 'langium';
import { DefaultLangiumDocumentFactory } from 'langium';
import { FastRpcstateParser } from '../syntax/fast-parser/fast-langium-parser.js';

/**
 * Langium re-parses a changed document's whole text. This factory first
 * offers the document's previous parse and the new text to the fast parser,
 * which re-parses only the state the edit changed, or else only its machine,
 * when that gives what a whole parse gives (language/syntax/fast-parser/
 * state-reparse.ts, machine-reparse.ts): typing inside one state of a large
 * file no longer re-reads the rest. Otherwise
 * (a first parse, the Chevrotain parser, errors, an edit across machines) the
 * whole text is parsed as before.
 */
export class MachineReparsingDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The documents whose update is running, by URI: `parseAsync` is told only the URI. */
    private readonly updating = new Map<string, LangiumDocument>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    override async update<T extends AstNode = AstNode>(document: LangiumDocument<T>, cancellationToken: Cancellation.CancellationToken): Promise<LangiumDocument<T>> {
        const key = document.uri.toString();
        this.updating.set(key, document);
        try {
            return await super.update(document, cancellationToken);
        } finally {
            this.updating.delete(key);
        }
    }

    protected override parseAsync<T extends AstNode>(uri: URI, text: string, cancellationToken: Cancellation.CancellationToken): Promise<ParseResult<T>> {
        const previous = this.updating.get(uri.toString())?.parseResult;
        const parser = this.serviceRegistry.getServices(uri).parser.LangiumParser as unknown;
        if (previous && parser instanceof FastRpcstateParser) {
            const reparsed = parser.reparse(previous, text);
            if (reparsed) return Promise.resolve(reparsed as ParseResult<T>);
        }
        return super.parseAsync(uri, text, cancellationToken);
    }
}
