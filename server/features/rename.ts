import type { AstNode, CstNode, LangiumDocument } from 'langium';
import { AstUtils, CstUtils, GrammarAST } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { DefaultRenameProvider } from 'langium/lsp';
import type { Range, RenameParams, TextDocumentPositionParams, WorkspaceEdit } from 'vscode-languageserver';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Machine, State } from '../../language/generated/ast.js';
import { isMachine, isProtocol, isState } from '../../language/generated/ast.js';

const IDENTIFIER = /^[_a-zA-Z]\w*$/;

/**
 * Rename for states and machines. The edits are Langium's (declaration plus
 * every reference the index knows, which our per-machine scope keeps inside
 * one machine); what this adds is refusing a new name that would change the
 * meaning of the file: one that is taken in the same machine (or, for a
 * machine, the same protocol), a keyword, or not an identifier at all.
 */
export class RpcstateRenameProvider extends DefaultRenameProvider {
    private readonly keywords: ReadonlySet<string>;

    constructor(services: LangiumServices) {
        super(services);
        this.keywords = new Set(AstUtils.streamAllContents(services.Grammar)
            .filter(GrammarAST.isKeyword)
            .map(keyword => keyword.value)
            .filter(value => IDENTIFIER.test(value)));
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const target = this.renamedNode(document, params.position);
        if (!target) return undefined;
        const problem = this.refusal(target, params.newName);
        if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
        return super.rename(document, params);
    }

    override prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        return this.renamedNode(document, params.position) ? this.renameNodeRange(document, params.position) : undefined;
    }

    /** The state or machine declared or referenced at the position; other names (the protocol, outcomes) are not renamed here. */
    private renamedNode(document: LangiumDocument, position: { line: number; character: number }): State | Machine | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const leaf: CstNode | undefined = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(position), this.grammarConfig.nameRegexp);
        if (!leaf) return undefined;
        const declared: AstNode | undefined = this.references.findDeclarations(leaf)[0]
            ?? (this.isNameNode(leaf) ? leaf.astNode : undefined);
        return isState(declared) || isMachine(declared) ? declared : undefined;
    }

    private refusal(target: State | Machine, newName: string): string | undefined {
        if (!IDENTIFIER.test(newName)) {
            return `'${newName}' is not a name: a name starts with a letter or _ and continues with letters, digits or _.`;
        }
        if (this.keywords.has(newName)) {
            return `'${newName}' is a keyword of the language and cannot name a ${isState(target) ? 'state' : 'machine'}.`;
        }
        if (newName === target.name) return undefined;
        if (isState(target)) {
            const machine = target.$container;
            if (machine.states.some(state => state !== target && state.name === newName)) {
                return `${machine.name} already has a state named ${newName}: transitions could no longer tell the two apart.`;
            }
        } else if (isProtocol(target.$container) && target.$container.machines.some(m => m !== target && m.name === newName)) {
            return `Protocol ${target.$container.name} already has a machine named ${newName}.`;
        }
        return undefined;
    }
}
