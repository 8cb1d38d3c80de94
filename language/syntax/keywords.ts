import type { Grammar } from 'langium';
import { AstUtils, GrammarAST } from 'langium';
import { RpcstateGrammar } from '../generated/grammar.js';

/**
 * The keywords of the language, read from `rpcstate.langium` (through the
 * grammar Langium generates from it): the one source of the hand-written
 * lexer's keyword table, the syntax messages, completion and the fuzzer.
 * test/syntax/grammar-coverage.test.ts names every place (the hand-written
 * parser, the TextMate grammar, completion, the docs) that misses one.
 */
export interface GrammarKeywords {
    /** Every keyword, punctuation included, in the order the grammar first uses it. */
    readonly all: readonly string[];
    /** The keywords spelled like names: reserved, an ID can never be one. */
    readonly words: readonly string[];
    /** What may begin a state's action (the `kind` keywords of rule Action), in grammar order. */
    readonly actions: readonly KindKeyword[];
    /** What may follow an outcome in a transition (the `kind` keywords of rule Effect). */
    readonly effects: readonly KindKeyword[];
}

/** A keyword that sets a node's `kind`, and whether the grammar requires a name after it (`await EVENT`). */
export interface KindKeyword {
    readonly keyword: string;
    readonly named: boolean;
}

export function grammarKeywords(grammar: Grammar): GrammarKeywords {
    const all = new Set<string>();
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule)) continue;
        for (const element of AstUtils.streamAst(rule.definition)) if (GrammarAST.isKeyword(element)) all.add(element.value);
    }
    return {
        all: [...all],
        words: [...all].filter(k => /^[A-Za-z_]\w*$/.test(k)),
        actions: kindKeywords(grammar, 'Action'),
        effects: kindKeywords(grammar, 'Effect'),
    };
}

/** One entry per alternative of the rule that assigns a keyword to `kind`. */
function kindKeywords(grammar: Grammar, ruleName: string): KindKeyword[] {
    const rule = grammar.rules.find(r => r.name === ruleName);
    if (!rule || !GrammarAST.isParserRule(rule)) return [];
    const result: KindKeyword[] = [];
    for (const alternative of alternativesOf(rule.definition)) {
        const assignments = AstUtils.streamAst(alternative).filter(GrammarAST.isAssignment).toArray();
        const kind = assignments.find(a => a.feature === 'kind');
        if (!kind || !GrammarAST.isKeyword(kind.terminal)) continue;
        const name = assignments.find(a => a.feature === 'name');
        result.push({ keyword: kind.terminal.value, named: name !== undefined && !isOptional(name, alternative) });
    }
    return result;
}

function alternativesOf(element: GrammarAST.AbstractElement): GrammarAST.AbstractElement[] {
    return GrammarAST.isAlternatives(element) ? element.elements : [element];
}

/** Whether `element` or a group around it, inside `root`, carries `?` or `*`. */
function isOptional(element: GrammarAST.AbstractElement, root: GrammarAST.AbstractElement): boolean {
    for (let e: GrammarAST.AbstractElement | undefined = element; e; e = e === root ? undefined : e.$container as GrammarAST.AbstractElement) {
        if (e.cardinality === '?' || e.cardinality === '*') return true;
    }
    return false;
}

/** The keywords of rpcstate.langium. */
export const KEYWORDS: GrammarKeywords = grammarKeywords(RpcstateGrammar());
