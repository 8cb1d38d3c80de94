import type { AstNode, LangiumDocument, LeafCstNode } from 'langium';
import { CstUtils, GrammarAST, GrammarUtils } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { lookupCatalog } from '../../language/analysis/catalog.js';
import type { Machine } from '../../language/generated/ast.js';
import { isAction, isEffect, isMachine, isProtocol, isState, isTransition } from '../../language/generated/ast.js';
import type { Side } from '../../language/model/machine-model.js';
import type { RpcstateServices } from '../../language/rpcstate-module.js';
import type { ProtocolAnalyzer } from '../../language/pipeline/protocol-analyzer.js';
import { catalogEntryMarkdown } from './catalog-markdown.js';
import { analyzedMachine } from './machine-analysis.js';
import { machineVerdict } from './machine-verdict.js';
import { outcomeMarkdown } from './outcome-meaning.js';
import { stateMarkdown } from './state-summary.js';

/**
 * Hovers that teach the domain: a catalog function or event shows its rule
 * and documentation, a state (declared or referenced) its transitions and
 * the phases the call can be in there, a machine its one-line verdict.
 */
export class RpcstateHoverProvider implements HoverProvider {
    private readonly analyzer: ProtocolAnalyzer;

    constructor(services: RpcstateServices) {
        this.analyzer = services.analysis.ProtocolAnalyzer;
    }

    getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        if (!leaf || leaf.hidden) return undefined;
        const markdown = this.markdownFor(leaf);
        return markdown ? { contents: { kind: 'markdown', value: markdown }, range: leaf.range } : undefined;
    }

    private markdownFor(leaf: LeafCstNode): string | undefined {
        const node: AstNode = leaf.astNode;
        const property = GrammarUtils.findAssignment(leaf)?.feature;
        if (isAction(node) || isEffect(node)) {
            const entry = lookupCatalog(node.kind, node.name);
            if (!entry) return node.name && (node.kind === 'invoke' || node.kind === 'await') ? `\`${node.kind} ${node.name}\` names nothing in the catalog.` : undefined;
            return catalogEntryMarkdown(entry, sideOf(node));
        }
        if (isState(node) && property === 'name') return stateMarkdown(this.analyzer, node);
        if (isTransition(node)) {
            if (property === 'target') {
                const target = node.target?.ref;
                return target ? stateMarkdown(this.analyzer, target) : undefined;
            }
            if (property === 'outcome' && node.outcome) return outcomeMarkdown(node);
            return undefined;
        }
        if (isMachine(node) && (property === 'name' || GrammarAST.isKeyword(leaf.grammarSource) || property === 'side')) return this.machineMarkdown(node);
        return undefined;
    }

    private machineMarkdown(machine: Machine): string | undefined {
        const analyzed = analyzedMachine(this.analyzer, machine);
        if (!analyzed || !machine.name) return undefined;
        const role = machine.side === 'server' ? 'server: the run time dispatches the call to it' : 'client: it makes the asynchronous call';
        return `**${machine.side} ${machine.name}** (${role})\n\n${machineVerdict(analyzed)}`;
    }
}

/** The side of the machine around a node; client when the tree is too broken to tell. */
export function sideOf(node: AstNode): Side {
    let current: AstNode | undefined = node;
    while (current && !isMachine(current)) current = isProtocol(current) ? undefined : current.$container;
    return current?.side === 'server' ? 'server' : 'client';
}
