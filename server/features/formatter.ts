import type { LangiumDocument } from 'langium';
import { CstUtils } from 'langium';
import type { Formatter } from 'langium/lsp';
import type { DocumentFormattingParams, DocumentOnTypeFormattingOptions, DocumentOnTypeFormattingParams, DocumentRangeFormattingParams, TextEdit } from 'vscode-languageserver';
import type { Protocol } from '../../language/generated/ast.js';
import { isMachine, isState } from '../../language/generated/ast.js';
import type { Gap } from '../../language/format/format-layout.js';
import { layoutGaps } from '../../language/format/format-layout.js';

/**
 * Formats to the layout of the shared examples (format-layout.ts says which).
 * The layout is the language's own, like gofmt's: the editor's tab settings
 * do not change it. A document with syntax errors is left alone, since its
 * structure is a guess. Edits touch whitespace only.
 */
export class RpcstateFormatter implements Formatter {
    formatDocument(document: LangiumDocument, _params: DocumentFormattingParams): TextEdit[] {
        return this.edits(document, () => true);
    }

    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): TextEdit[] {
        const start = document.textDocument.offsetAt(params.range.start);
        const end = document.textDocument.offsetAt(params.range.end);
        // A token in the range is laid out with the whitespace that leads up to it.
        return this.edits(document, gap => gap.end >= start && gap.end <= end);
    }

    /** After a `}`, the block it closes (a state or a machine) is laid out. */
    formatDocumentOnType(document: LangiumDocument, params: DocumentOnTypeFormattingParams): TextEdit[] {
        const root = document.parseResult.value.$cstNode;
        if (params.ch !== '}' || !root) return [];
        const offset = document.textDocument.offsetAt(params.position);
        const brace = CstUtils.findLeafNodeAtOffset(root, Math.max(0, offset - 1));
        const block = brace?.astNode;
        if (!brace || brace.text !== '}' || !(isState(block) || isMachine(block)) || !block.$cstNode) return [];
        const { offset: start, end } = block.$cstNode;
        return this.edits(document, gap => gap.end >= start && gap.start <= end);
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions {
        return { firstTriggerCharacter: '}' };
    }

    private edits(document: LangiumDocument, wanted: (gap: Gap) => boolean): TextEdit[] {
        const { parseResult, textDocument } = document;
        const gaps = layoutGaps(parseResult.value as Protocol, parseResult.lexerErrors.length + parseResult.parserErrors.length > 0);
        if (!gaps) return [];
        const text = textDocument.getText();
        const edits: TextEdit[] = [];
        for (const gap of gaps) {
            if (!wanted(gap) || text.slice(gap.start, gap.end) === gap.text) continue;
            edits.push({ range: { start: textDocument.positionAt(gap.start), end: textDocument.positionAt(gap.end) }, newText: gap.text });
        }
        return edits;
    }
}
