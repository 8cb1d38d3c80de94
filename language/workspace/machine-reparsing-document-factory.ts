import type { AstNode, Cancellation, LangiumDocument, LangiumSharedCoreServices, ParseResult, TextDocument, URI } from 'langium';
import { DefaultLangiumDocumentFactory, DocumentState } from 'langium';
import { FastRpcstateParser } from '../syntax/fast-parser/fast-langium-parser.js';
import { editBetween } from '../syntax/fast-parser/machine-reparse.js';
import { MovableRootCstNode } from '../syntax/fast-parser/movable-cst.js';
import { SplicedText } from './spliced-text.js';
import { SplicedTextDocument } from './spliced-text-document.js';

/**
 * Langium re-parses a changed document's whole text. This factory first
 * offers the document's previous parse and the edit to the fast parser,
 * which re-parses only the state the edit changed, or else only its machine,
 * when that gives what a whole parse gives (language/syntax/fast-parser/
 * state-reparse.ts, machine-reparse.ts): typing inside one state of a large
 * file no longer re-reads the rest. Otherwise
 * (a first parse, the Chevrotain parser, errors, an edit across machines) the
 * whole text is parsed as before.
 *
 * An open document of the language server is a `SplicedTextDocument`: the
 * parse remembers which version of its text it read (the root's
 * `textSource`), and the document's log says what changed since, so the
 * edit reaches the re-parse without the whole text ever being made one
 * string (spliced-text.ts says why that matters).
 */
export class MachineReparsingDocumentFactory extends DefaultLangiumDocumentFactory {
    /** The documents whose update is running, by URI: `parseAsync` is told only the URI. */
    private readonly updating = new Map<string, LangiumDocument>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    override async update<T extends AstNode = AstNode>(document: LangiumDocument<T>, cancellationToken: Cancellation.CancellationToken): Promise<LangiumDocument<T>> {
        const key = document.uri.toString();
        const textDocument = this.textDocuments?.get(key);
        if (textDocument instanceof SplicedTextDocument) {
            const parsed = this.reparseLoggedEdit(document, textDocument);
            if (parsed) {
                Object.defineProperty(document, 'textDocument', { value: textDocument });
                if (parsed !== document.parseResult) {
                    document.parseResult = parsed as ParseResult<T>;
                    (parsed.value as { $document?: LangiumDocument }).$document = document;
                }
                document.state = DocumentState.Parsed;
                return document;
            }
        }
        this.updating.set(key, document);
        try {
            const updated = await super.update(document, cancellationToken);
            if (textDocument instanceof SplicedTextDocument) rememberVersion(updated.parseResult, textDocument);
            return updated;
        } finally {
            this.updating.delete(key);
        }
    }

    override createLangiumDocument<T extends AstNode = AstNode>(parseResult: ParseResult<T>, uri: URI, textDocument?: TextDocument, text?: string): LangiumDocument<T> {
        if (textDocument instanceof SplicedTextDocument) rememberVersion(parseResult, textDocument);
        return super.createLangiumDocument(parseResult, uri, textDocument, text);
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

    /**
     * The parse of the document's current version from the previous parse
     * and the logged edits since the version it read (that parse itself when
     * none); undefined when the log cannot tell or the re-parse declines.
     */
    private reparseLoggedEdit(document: LangiumDocument, textDocument: SplicedTextDocument): ParseResult | undefined {
        const previous = document.parseResult;
        const root = previous.value.$cstNode?.root;
        if (!(root instanceof MovableRootCstNode)) return undefined;
        const parsedVersion = root.textSource;
        const current = textDocument.text;
        if (parsedVersion === current) return previous;
        if (!(parsedVersion instanceof SplicedText)) return undefined;
        const region = textDocument.changeSince(parsedVersion);
        const parser = this.serviceRegistry.getServices(document.uri).parser.LangiumParser as unknown;
        if (!region || !(parser instanceof FastRpcstateParser)) return undefined;
        const edit = editBetween(parsedVersion, current, region);
        return edit && parser.reparseEdit(previous, edit, current);
    }
}

/** Gives a parse of the document's current text that version as its text, so the next edit can be told from the log. */
function rememberVersion(parseResult: ParseResult, textDocument: SplicedTextDocument): void {
    const root = parseResult.value.$cstNode?.root;
    const current = textDocument.text;
    // Only a parse of exactly this version (the same string, compared by identity first, or equal).
    if (root instanceof MovableRootCstNode && root.textSource !== current && root.fullText.length === current.length && root.fullText === current.toString()) {
        root.replaceText(current);
    }
}
