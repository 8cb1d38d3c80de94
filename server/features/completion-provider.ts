import type { AstNodeDescription, GrammarAST, LangiumDocument, MaybePromise, ParseResult, ReferenceInfo, RootCstNode, Stream } from 'langium';
import { AstUtils, GrammarAST as Ast, TextDocument } from 'langium';
import type { CompletionAcceptor, CompletionBacktrackingInformation, CompletionContext, CompletionValueItem, NextFeature } from 'langium/lsp';
import { DefaultCompletionProvider } from 'langium/lsp';
import type { Position } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import type { CatalogEntry, Phase } from '../../language/analysis/catalog.js';
import { applyEffect, CATALOG, lookupCatalog } from '../../language/analysis/catalog.js';
import type { State } from '../../language/generated/ast.js';
import { isState } from '../../language/generated/ast.js';
import type { RpcstateServices } from '../../language/rpcstate-module.js';
import type { ProtocolAnalyzer } from '../../language/pipeline/protocol-analyzer.js';
import { catalogEntryMarkdown, ruleEffectText } from './catalog-markdown.js';
import { completionParsePrefix } from './completion-parse-prefix.js';
import { completionTokenWindow } from './completion-token-window.js';
import type { RpcstateSnippet } from './completion-snippets.js';
import { CLIENT_TABLE_SNIPPET, NEW_STATE_SNIPPET, SERVER_TABLE_SNIPPET } from './completion-snippets.js';
import { KEYWORD_DOCS } from './keyword-docs.js';
import { sideOf } from './hover-provider.js';
import { phasesWhileEditing } from './machine-analysis.js';
import { stateActionEntry, USUAL_OUTCOMES } from './outcome-meaning.js';
import { phaseList } from './phase-names.js';
import { statePhasesText } from './state-summary.js';

/** Sort groups: what fits here first, then what fits the side, then what belongs to the other side. */
const FIRST = '0';
const THEN = '1';
const LAST = '2';

/**
 * At most this many states are offered after `->`. The list is marked
 * incomplete (Langium always does), so the editor asks again as the name is
 * typed and the matches narrow; nobody scrolls through 5,000 states, and
 * building, sending and parsing them all took most of a completion request.
 */
export const MAX_STATE_ITEMS = 200;

/**
 * Completion that knows where it is: after `->` the states of this machine;
 * after `invoke`/`await` the catalog of this machine's side, the entries
 * legal in the phases that reach this state first; after `on` the outcome the
 * state's action gives a meaning to, then the usual ones; keywords only where
 * they fit this side; snippets for a new state and the documented tables.
 */
export class RpcstateCompletionProvider extends DefaultCompletionProvider {
    private readonly analyzer: ProtocolAnalyzer;

    /** The CST of the document being completed, so backtracking can lex a window of it (see backtrackToAnyToken). */
    private completedCst: RootCstNode | undefined;
    private completedParse: ParseResult | undefined;

    constructor(services: RpcstateServices) {
        super(services);
        this.analyzer = services.analysis.ProtocolAnalyzer;
    }

    protected override *buildContexts(document: LangiumDocument, position: Position): IterableIterator<CompletionContext> {
        this.completedCst = document.parseResult.value.$cstNode as RootCstNode | undefined;
        this.completedParse = document.parseResult;
        yield* super.buildContexts(document, position);
    }

    /** Langium parses from the start of the document to the cursor; inside a machine, less gives the same (completion-parse-prefix.ts). */
    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const cst = this.completedCst;
        const prefix = cst && this.completedParse && cst.fullText === document.getText() ? completionParsePrefix(cst, this.completedParse, offset) : undefined;
        if (prefix === undefined) return super.findFeaturesAt(document, offset);
        return super.findFeaturesAt(TextDocument.create(document.uri, document.languageId, document.version, prefix), prefix.length);
    }

    /**
     * Langium's backtracking lexes the whole document; the tokens around the
     * offset decide the answer, so lex only those (completion-token-window.ts).
     * The CST is used only if it is the tree of this very text.
     */
    protected override backtrackToAnyToken(text: string, offset: number): CompletionBacktrackingInformation {
        const cst = this.completedCst;
        const window = cst && cst.fullText === text ? completionTokenWindow(cst, offset, text.length) : undefined;
        if (!window) return super.backtrackToAnyToken(text, offset);
        const found = super.backtrackToAnyToken(text.slice(window.start, window.end), offset - window.start);
        const shift = (at: number | undefined) => (at === undefined ? undefined : at + window.start);
        return {
            nextTokenStart: found.nextTokenStart + window.start,
            nextTokenEnd: found.nextTokenEnd + window.start,
            previousTokenStart: shift(found.previousTokenStart),
            previousTokenEnd: shift(found.previousTokenEnd),
        };
    }

    /** The states whose names match what is typed, the first MAX_STATE_ITEMS of them in document order. */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const typed = context.textDocument.getText().substring(context.tokenOffset, context.offset);
        return super.getReferenceCandidates(refInfo, context)
            .filter(candidate => this.fuzzyMatcher.match(typed, candidate.name))
            .limit(MAX_STATE_ITEMS);
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        const assignment = AstUtils.getContainerOfType(next.feature, Ast.isAssignment);
        const rule = AstUtils.getContainerOfType(next.feature, Ast.isParserRule)?.name;
        if (assignment && !Ast.isCrossReference(next.feature) && !Ast.isKeyword(next.feature)) {
            if ((rule === 'Action' || rule === 'Effect') && assignment.feature === 'name') {
                const keyword = siblingKeyword(assignment);
                if (keyword === 'invoke' || keyword === 'await') this.completeCatalogName(context, keyword, rule, acceptor);
                return;
            }
            if (rule === 'Transition' && assignment.feature === 'outcome') {
                this.completeOutcome(context, acceptor);
                return;
            }
        }
        return super.completionFor(context, next, acceptor);
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (!this.filterKeyword(context, keyword)) return;
        const side = context.node ? sideOf(context.node) : 'client';
        const entry = lookupCatalog(keyword.value as CatalogEntry['kind'], undefined);
        // `call` on a server or `dispatch` on a client is always wrong-side: not offered.
        if ((keyword.value === 'call' || keyword.value === 'dispatch') && entry && !entry.rules[side]) return;
        acceptor(context, {
            label: keyword.value,
            kind: CompletionItemKind.Keyword,
            detail: 'keyword',
            documentation: KEYWORD_DOCS[keyword.value],
            sortText: THEN,
        });
        const before = context.textDocument.getText().slice(0, context.tokenOffset);
        if (keyword.value === 'state' && !/\b(initial|end)\s*$/.test(before)) this.acceptSnippet(context, NEW_STATE_SNIPPET, acceptor);
        if (keyword.value === 'client') this.acceptSnippet(context, CLIENT_TABLE_SNIPPET, acceptor);
        if (keyword.value === 'server') this.acceptSnippet(context, SERVER_TABLE_SNIPPET, acceptor);
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const state = description.node;
        if (!isState(state)) return super.createReferenceCompletionItem(description, refInfo, context);
        // Not Langium's item with its fields replaced: it looks for a documentation comment above each state offered.
        return {
            nodeDescription: description,
            kind: CompletionItemKind.EnumMember,
            detail: state.description ?? (state.end ? 'end state' : 'state'),
            documentation: { kind: 'markdown', value: `Phase of the call on entering: ${statePhasesText(this.analyzer, state)}` },
            sortText: FIRST,
        };
    }

    private acceptSnippet(context: CompletionContext, snippet: RpcstateSnippet, acceptor: CompletionAcceptor): void {
        acceptor(context, {
            label: snippet.label,
            kind: CompletionItemKind.Snippet,
            detail: snippet.detail,
            insertText: snippet.body,
            insertTextFormat: InsertTextFormat.Snippet,
            sortText: THEN,
        });
    }

    private completeCatalogName(context: CompletionContext, kind: 'invoke' | 'await', rule: 'Action' | 'Effect', acceptor: CompletionAcceptor): void {
        const node = context.node;
        const side = node ? sideOf(node) : 'client';
        const state = node && (isState(node) ? node : AstUtils.getContainerOfType(node, isState));
        const phases = state && this.phasesForNameAt(state, rule);
        for (const entry of CATALOG) {
            if (entry.kind !== kind || !entry.name) continue;
            const rules = entry.rules[side];
            if (!rules) {
                const owner = side === 'client' ? 'server' : 'client';
                const instead = entry.counterpart?.[side];
                acceptor(context, {
                    label: entry.name,
                    kind: CompletionItemKind.Function,
                    labelDetails: { description: `${owner} only` },
                    detail: `${owner} only${instead ? `: on a ${side} write ${instead}` : ''}`,
                    documentation: { kind: 'markdown', value: catalogEntryMarkdown(entry, side) },
                    sortText: `${LAST}${entry.name}`,
                });
                continue;
            }
            const legal = !phases || isLegalInSome(rules.legal, phases) || (rules.legalWhenSpecialHandled !== undefined && isLegalInSome(rules.legalWhenSpecialHandled, phases));
            acceptor(context, {
                label: entry.name,
                kind: kind === 'await' ? CompletionItemKind.Event : CompletionItemKind.Function,
                labelDetails: { description: legal ? (phases ? 'legal here' : side) : 'not legal here' },
                detail: `${entry.summary} Effect: ${ruleEffectText(rules)}.`,
                documentation: { kind: 'markdown', value: catalogEntryMarkdown(entry, side) + (phases ? `\n\nHere the call is ${phaseList(phases, ' or ')}.` : '') },
                sortText: `${legal ? FIRST : THEN}${entry.name}`,
            });
        }
    }

    /** Phases in which the action (on entering the state) or an effect (after the state's action) would run. */
    private phasesForNameAt(state: State, rule: 'Action' | 'Effect'): ReadonlySet<Phase> | undefined {
        const entering = phasesWhileEditing(this.analyzer, state);
        if (!entering || rule === 'Action') return entering;
        return phasesAfterAction(state, entering);
    }

    private completeOutcome(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const node = context.node;
        const state = node && (isState(node) ? node : AstUtils.getContainerOfType(node, isState));
        if (!state) return;
        const offset = context.offset;
        const taken = new Set(state.transitions
            .filter(t => t.outcome && t.$cstNode && !(t.$cstNode.offset <= offset && offset <= t.$cstNode.end))
            .map(t => t.outcome!));
        const found = stateActionEntry(state);
        const special = found?.entry.rules[found.side]?.special;
        if (special && found && !taken.has(special.outcome)) {
            acceptor(context, {
                label: special.outcome,
                kind: CompletionItemKind.EnumMember,
                detail: `special outcome of ${found.entry.name ?? found.entry.kind}`,
                documentation: { kind: 'markdown', value: `Taken when \`${found.entry.name ?? found.entry.kind}\` ${outcomeWhen(special.outcome)}; its effect: ${ruleEffectText({ legal: {}, illegal: {}, special }).replace(/^; /, '')}.` },
                sortText: `${FIRST}${special.outcome}`,
            });
        }
        USUAL_OUTCOMES.forEach((outcome, i) => {
            if (taken.has(outcome) || outcome === special?.outcome) return;
            acceptor(context, {
                label: outcome,
                kind: CompletionItemKind.EnumMember,
                detail: 'outcome',
                documentation: found ? `The action's normal effect applies on \`${outcome}\`.` : 'A free outcome name of the code that runs in this state.',
                sortText: `${THEN}${i}`,
            });
        });
    }
}

function siblingKeyword(assignment: GrammarAST.Assignment): string | undefined {
    const group = assignment.$container;
    if (!Ast.isGroup(group)) return undefined;
    for (const element of group.elements) {
        if (Ast.isAssignment(element) && element.feature === 'kind' && Ast.isKeyword(element.terminal)) return element.terminal.value;
    }
    return undefined;
}

function isLegalInSome(legal: Readonly<Partial<Record<Phase, unknown>>>, phases: ReadonlySet<Phase>): boolean {
    for (const phase of phases) if (legal[phase] !== undefined) return true;
    return false;
}

/** The phases after the state's action, on its normal outcomes: where an effect on a transition runs. */
export function phasesAfterAction(state: State, entering: ReadonlySet<Phase>): ReadonlySet<Phase> | undefined {
    if (!state.action) return entering;
    const found = stateActionEntry(state);
    const rule = found?.entry.rules[found.side];
    if (!rule) return undefined;
    const after = new Set<Phase>();
    for (const phase of entering) {
        const effect = rule.legal[phase] ?? rule.legalWhenSpecialHandled?.[phase];
        if (effect !== undefined) after.add(applyEffect(phase, effect));
        if (effect !== undefined && rule.special) after.add(applyEffect(phase, rule.special.effect));
    }
    return after;
}

function outcomeWhen(outcome: string): string {
    return outcome === 'exception' ? 'raises an exception (the call failed synchronously)' : outcome === 'pending' ? 'returns RPC_S_ASYNC_CALL_PENDING' : `reports ${outcome}`;
}
