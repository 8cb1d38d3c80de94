import type { AstNode, CstNode } from 'langium';
import type { MachineAnalysis, MachineResult, PriorAnalysis } from '../analysis/analyze-protocol.js';
import { analyzeMachine } from '../analysis/analyze-protocol.js';
import type { MachineModel, StateModel } from '../model/machine-model.js';
import type { SourceRange } from '../model/source-range.js';
import { comparePositions } from '../model/source-range.js';
import { stateAnalysisKey } from '../analysis/state-analysis-key.js';
import type { StateIndex } from '../analysis/state-index.js';
import type { QuietStates } from '../analysis/structural-checks.js';
import type { LazyText } from '../syntax/fast-parser/movable-cst.js';
import { MovableRootCstNode } from '../syntax/fast-parser/movable-cst.js';

interface Kept {
    /** The machine's AST node and model, while the parse being analysed still has the node (a re-parse of another machine keeps it). */
    readonly node: AstNode | undefined;
    readonly model: MachineModel | undefined;
    /** The machine's text, where it starts, and whether the parser cut it short: what its result depends on. */
    readonly text: MachineText;
    readonly line: number;
    readonly character: number;
    readonly incomplete: boolean;
    /** The result without its machine model: a kept result is given the new parse's model. */
    readonly findings: MachineResult['findings'];
    readonly analysis: Omit<MachineAnalysis, 'machine'>;
    /** The machine's names resolved and its quiet states: what the next analysis of it starts from after an edit in a few of its states. */
    readonly index: StateIndex | undefined;
    readonly quiet: QuietStates | undefined;
}

/**
 * A machine result that a state re-parse may still serve: the old machine's
 * findings and analysis, and of each state the re-parse replaced, what the
 * analysis read of it (`stateAnalysisKey`) and the lines it spanned.
 */
interface Replaced {
    readonly kept: Kept;
    readonly stateCount: number;
    readonly changed: ReadonlyArray<{ readonly index: number; readonly key: string; readonly startLine: number; readonly endLine: number }>;
}

/**
 * The analysis results of one document's machines, kept from one parse to the
 * next: a machine whose text and starting position did not change gets its
 * previous result (findings, ranges and phases are all the same), so an edit
 * in the client re-analyses the client only. Only the last parse's machines
 * are kept, so nothing older stays reachable; and `release` drops what the
 * next parse cannot use before its models are built (see there).
 */
export class KeptMachineResults {
    private kept: Kept[] = [];
    /** Between `release` and `resultsFor`: state models of replaced machine nodes, for their successors (`keptStates`). */
    private readonly states = new Map<AstNode, ReadonlyArray<StateModel | undefined>>();
    /** Between `release` and `resultsFor`: by new machine node, the result of the machine it replaced by a state re-parse. */
    private readonly replaced = new Map<AstNode, Replaced>();

    /**
     * Forgets, before `machines` (the CST nodes of the parse about to be
     * analysed) get their models, every kept machine they cannot reuse, and
     * the AST node and model of those reused by text only. An edited machine's
     * old result holds its old model, hence its old AST and CST and, through
     * the old protocol node, the previous parse's whole analysis: kept until
     * the new results replaced it, all that was live while the new machine
     * was built and analysed, and a major collection then counted it (the
     * heap's next limit grows from what was live).
     */
    release(machines: ReadonlyArray<CstNode | undefined>): void {
        const nodes = new Set<AstNode>();
        const places = new Set<string>();
        for (const cst of machines) {
            if (!cst) continue;
            nodes.add(cst.astNode);
            places.add(placeKey(cst));
        }
        const next: Kept[] = [];
        this.states.clear();
        this.replaced.clear();
        for (const k of this.kept) {
            if (k.node && nodes.has(k.node)) {
                next.push(k);
                continue;
            }
            this.keepStates(k, machines);
            if (places.has(`${k.line}:${k.character}:${k.text.length}`)) next.push({ ...k, node: undefined, model: undefined });
        }
        this.kept = next;
    }

    /**
     * The models of a machine's states that the next parse keeps (by index),
     * when it replaced the machine's node but kept its state nodes (a state
     * re-parse); only those, not the old machine's model, stay reachable.
     */
    keptStates(node: AstNode): ReadonlyArray<StateModel | undefined> | undefined {
        return this.states.get(node);
    }

    private keepStates(k: Kept, machines: ReadonlyArray<CstNode | undefined>): void {
        const old = (k.node as AstNode & { states?: AstNode[] } | undefined)?.states;
        if (!k.model || !old || old.length === 0 || k.model.states.length !== old.length) return;
        for (const cst of machines) {
            const states = (cst?.astNode as AstNode & { states?: AstNode[] } | undefined)?.states;
            if (!cst || !states || states.length !== old.length || (states[0] !== old[0] && states[states.length - 1] !== old[old.length - 1])) continue;
            const models = k.model.states;
            const keptModels = new Array<StateModel | undefined>(states.length);
            const changed: Array<Replaced['changed'][number]> = [];
            // One pass over a possibly huge machine, allocating only for the few states the re-parse replaced.
            for (let i = 0; i < states.length; i++) {
                if (states[i] === old[i]) {
                    keptModels[i] = models[i];
                } else {
                    const before = models[i];
                    changed.push({ index: i, key: stateAnalysisKey(before), startLine: before.range.start.line, endLine: before.range.end.line });
                }
            }
            this.states.set(cst.astNode, keptModels);
            // Not the old node or model: those must be collectable (see release).
            this.replaced.set(cst.astNode, { kept: { ...k, node: undefined, model: undefined }, stateCount: old.length, changed });
            return;
        }
    }

    /**
     * The last parse's model of `node`, while the node is the same object (so
     * the same text) and its range did not move: the model reads its ranges
     * from the CST lazily and keeps them. Re-parsing the client keeps the
     * server's node, whose model was otherwise built anew on every keystroke.
     */
    keptModel(node: AstNode, range: SourceRange, incomplete: boolean): MachineModel | undefined {
        const model = this.kept.find(k => k.node === node)?.model;
        if (!model || model.incomplete !== incomplete) return undefined;
        const same = comparePositions(model.range.start, range.start) === 0 && comparePositions(model.range.end, range.end) === 0;
        return same ? model : undefined;
    }

    /** Results for `machines` (with their CST nodes, in order), reusing kept ones; keeps these for the next parse. */
    resultsFor(machines: ReadonlyArray<{ model: MachineModel; cst: CstNode | undefined }>): Map<MachineModel, MachineResult> {
        const results = new Map<MachineModel, MachineResult>();
        const next: Kept[] = [];
        for (const { model, cst } of machines) {
            const text = cst ? machineText(cst) : NO_TEXT;
            const { line, character } = model.range.start;
            const incomplete = model.incomplete === true;
            const replaced = cst && !incomplete ? this.replaced.get(cst.astNode) : undefined;
            const same = this.kept.find(k => k.line === line && k.character === character && k.incomplete === incomplete && sameText(k, cst?.astNode, text))
                ?? this.servesAfterStateEdit(replaced, model);
            // A kept result describes the previous model's machine object: point it at this one.
            const result: MachineResult = same
                ? { findings: same.findings, analysis: { ...same.analysis, machine: model }, index: same.index, quiet: same.quiet }
                : analyzeMachine(model, cst && this.priorIndex(replaced, cst.astNode));
            results.set(model, result);
            if (cst) next.push({ node: cst.astNode, model, text, line, character, incomplete, findings: result.findings, analysis: withoutMachine(result.analysis), index: result.index, quiet: result.quiet });
        }
        this.kept = next;
        this.states.clear();
        this.replaced.clear();
        return results;
    }

    /**
     * What the analysis of a machine a state re-parse replaced may start from:
     * the old machine's index and quiet states and, by index, the state models
     * the re-parse kept (the analysis checks that they are the ones it gets).
     */
    private priorIndex(replaced: Replaced | undefined, node: AstNode): PriorAnalysis | undefined {
        const index = replaced?.kept.index;
        const states = this.states.get(node);
        return index && states ? { index, states, quiet: replaced.kept.quiet } : undefined;
    }

    /**
     * The replaced machine's result, when an edit inside its states changed
     * nothing the analysis reads and no line: the other states are the same
     * nodes; each re-parsed one has the same analysis key and spans the same
     * lines, so every range outside it is where it was (and the one message
     * that names a line, duplicate-state's, names the same); and no finding
     * or step of a path points inside it, where ranges may have moved along
     * the line. Typing in a description or a comment, or re-indenting, then
     * costs no analysis of the machine.
     */
    private servesAfterStateEdit(replaced: Replaced | undefined, model: MachineModel): Kept | undefined {
        if (!replaced || replaced.kept.incomplete || model.states.length !== replaced.stateCount) return undefined;
        if (replaced.kept.line !== model.range.start.line || replaced.kept.character !== model.range.start.character) return undefined;
        for (const { index, key, startLine, endLine } of replaced.changed) {
            const state = model.states[index];
            if (state.range.start.line !== startLine || state.range.end.line !== endLine || stateAnalysisKey(state) !== key) return undefined;
            const inside = (range: SourceRange) => range.end.line >= startLine && range.start.line <= endLine;
            if (replaced.kept.findings.some(f => inside(f.range) || f.path?.some(step => inside(step.range)))) return undefined;
        }
        return replaced.kept;
    }
}

/**
 * A machine's text as the parse that read it holds it: read only when two
 * machines of the same length and place must be compared, because the
 * language server's text is not one string until something reads it whole
 * (language/workspace/spliced-text.ts). Each version of a text is a value
 * that never changes, so a kept one still reads as it did.
 */
interface MachineText {
    readonly source: LazyText;
    readonly offset: number;
    readonly length: number;
}

const NO_TEXT: MachineText = { source: '', offset: 0, length: 0 };

function machineText(cst: CstNode): MachineText {
    const root = cst.root;
    return { source: root instanceof MovableRootCstNode ? root.textSource : root.fullText, offset: cst.offset, length: cst.length };
}

/**
 * Whether a kept machine had the text `text`. A machine node the new parse
 * still has is one a re-parse kept because its text did not change (a
 * re-parse makes a new node for the machine it changed); otherwise the two
 * texts are read and compared.
 */
function sameText(kept: Kept, node: AstNode | undefined, text: MachineText): boolean {
    if (kept.text.length !== text.length) return false;
    if (kept.node !== undefined && kept.node === node) return true;
    const read = (t: MachineText) => t.source.substring(t.offset, t.offset + t.length);
    return read(kept.text) === read(text);
}

/** Where a machine starts and how long it is: a kept result can serve only a machine with the same. */
function placeKey(cst: CstNode): string {
    const { line, character } = cst.range.start;
    return `${line}:${character}:${cst.length}`;
}

function withoutMachine(analysis: MachineAnalysis): Omit<MachineAnalysis, 'machine'> {
    const { machine: _machine, ...rest } = analysis;
    return rest;
}
