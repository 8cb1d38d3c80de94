import type { Grammar } from 'langium';
import { AstUtils, GrammarAST } from 'langium';

type Keyword = GrammarAST.Keyword;
type Terminal = GrammarAST.AbstractElement;

/**
 * The elements of `rpcstate.langium` that Langium's parser records as the
 * `grammarSource` of CST nodes: a keyword's leaf points at the Keyword, an
 * assigned terminal's leaf at the RuleCall (or CrossReference) under the
 * Assignment, a sub-rule's composite node at its RuleCall. Langium's CST
 * queries (`findNodeForProperty`, `findNodeForKeyword`), the formatter and
 * the reference finder read these, so the fast parser's CST must point at the
 * very same objects of `RpcstateGrammar()`.
 */
export interface RpcstateGrammarElements {
    readonly protocol: { keyword: Keyword; name: Terminal; description: Terminal; machines: Terminal };
    readonly machine: { side: Terminal; name: Terminal; open: Keyword; states: Terminal; close: Keyword };
    readonly side: { client: Keyword; server: Keyword };
    /** The state with a body (`initial`? `state` NAME ... `{` ... `}`). */
    readonly state: { initial: Keyword; state: Keyword; name: Terminal; description: Terminal; open: Keyword; action: Terminal; transitions: Terminal; close: Keyword };
    /** `end state NAME "..."?`, the second alternative of the same rule. */
    readonly endState: { end: Keyword; state: Keyword; name: Terminal; description: Terminal };
    readonly action: {
        call: Keyword; callName: Terminal; dispatch: Keyword; dispatchName: Terminal;
        await: Keyword; awaitName: Terminal; invoke: Keyword; invokeName: Terminal; raise: Keyword;
    };
    readonly transition: { on: Keyword; outcome: Terminal; outcomeEffect: Terminal; effect: Terminal; arrow: Keyword; target: Terminal };
    readonly effect: { raise: Keyword; invoke: Keyword; name: Terminal };
}

/** Finds every element by rule, keyword or feature, and occurrence; throws when the grammar no longer has it. */
/** The grammar elements are looked up once per grammar object (the generated grammar is a singleton). */
const elementsByGrammar = new WeakMap<Grammar, RpcstateGrammarElements>();

export function rpcstateGrammarElements(grammar: Grammar): RpcstateGrammarElements {
    let elements = elementsByGrammar.get(grammar);
    if (!elements) elementsByGrammar.set(grammar, elements = findRpcstateGrammarElements(grammar));
    return elements;
}

function findRpcstateGrammarElements(grammar: Grammar): RpcstateGrammarElements {
    const rule = (name: string): GrammarAST.ParserRule => {
        const found = grammar.rules.find(r => r.name === name);
        if (!found || !GrammarAST.isParserRule(found)) throw new Error(`fast parser: the grammar has no parser rule ${name}`);
        return found;
    };
    const elements = (ruleName: string) => AstUtils.streamAst(rule(ruleName).definition).toArray();
    const keyword = (ruleName: string, value: string, occurrence = 0): Keyword => {
        const found = elements(ruleName).filter((e): e is Keyword => GrammarAST.isKeyword(e) && e.value === value)[occurrence];
        if (!found) throw new Error(`fast parser: rule ${ruleName} has no keyword '${value}' #${occurrence}`);
        return found;
    };
    const assigned = (ruleName: string, feature: string, occurrence = 0): Terminal => {
        const found = elements(ruleName).filter((e): e is GrammarAST.Assignment => GrammarAST.isAssignment(e) && e.feature === feature)[occurrence];
        if (!found) throw new Error(`fast parser: rule ${ruleName} has no assignment to ${feature} #${occurrence}`);
        return found.terminal;
    };
    return {
        protocol: { keyword: keyword('Protocol', 'protocol'), name: assigned('Protocol', 'name'), description: assigned('Protocol', 'description'), machines: assigned('Protocol', 'machines') },
        machine: { side: assigned('Machine', 'side'), name: assigned('Machine', 'name'), open: keyword('Machine', '{'), states: assigned('Machine', 'states'), close: keyword('Machine', '}') },
        side: { client: keyword('Side', 'client'), server: keyword('Side', 'server') },
        state: {
            initial: keyword('State', 'initial'), state: keyword('State', 'state', 0), name: assigned('State', 'name', 0), description: assigned('State', 'description', 0),
            open: keyword('State', '{'), action: assigned('State', 'action'), transitions: assigned('State', 'transitions'), close: keyword('State', '}'),
        },
        endState: { end: keyword('State', 'end'), state: keyword('State', 'state', 1), name: assigned('State', 'name', 1), description: assigned('State', 'description', 1) },
        action: {
            call: keyword('Action', 'call'), callName: assigned('Action', 'name', 0),
            dispatch: keyword('Action', 'dispatch'), dispatchName: assigned('Action', 'name', 1),
            await: keyword('Action', 'await'), awaitName: assigned('Action', 'name', 2),
            invoke: keyword('Action', 'invoke'), invokeName: assigned('Action', 'name', 3),
            raise: keyword('Action', 'raise'),
        },
        transition: {
            on: keyword('Transition', 'on'), outcome: assigned('Transition', 'outcome'), outcomeEffect: assigned('Transition', 'effect', 0),
            effect: assigned('Transition', 'effect', 1), arrow: keyword('Transition', '->'), target: assigned('Transition', 'target'),
        },
        effect: { raise: keyword('Effect', 'raise'), invoke: keyword('Effect', 'invoke'), name: assigned('Effect', 'name') },
    };
}
