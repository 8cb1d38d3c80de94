import type { AstNode, CstNode } from 'langium';
import type { MachineResult } from '../analysis/analyze-protocol.js';
import { analyzeMachine } from '../analysis/analyze-protocol.js';
import type { MachineModel } from '../model/machine-model.js';
import type { SourceRange } from '../model/source-range.js';
import { comparePositions } from '../model/source-range.js';

interface Kept {
    /** The machine's AST node: a re-parse of another machine keeps it (machine-reparse.ts). */
    readonly node: AstNode | undefined;
    /** The machine's text, where it starts, and whether the parser cut it short: what its result depends on. */
    readonly text: string;
    readonly line: number;
    readonly character: number;
    readonly incomplete: boolean;
    readonly result: MachineResult;
}

/**
 * The analysis results of one document's machines, kept from one parse to the
 * next: a machine whose text and starting position did not change gets its
 * previous result (findings, ranges and phases are all the same), so an edit
 * in the client re-analyses the client only. Only the last parse's machines
 * are kept, so nothing older stays reachable.
 */
export class KeptMachineResults {
    private kept: Kept[] = [];

    /**
     * The last parse's model of `node`, while the node is the same object (so
     * the same text) and its range did not move: the model reads its ranges
     * from the CST lazily and keeps them. Re-parsing the client keeps the
     * server's node, whose model was otherwise built anew on every keystroke.
     */
    keptModel(node: AstNode, range: SourceRange, incomplete: boolean): MachineModel | undefined {
        const kept = this.kept.find(k => k.node === node);
        const model = kept?.result.analysis.machine;
        if (!model || model.incomplete !== incomplete) return undefined;
        const same = comparePositions(model.range.start, range.start) === 0 && comparePositions(model.range.end, range.end) === 0;
        return same ? model : undefined;
    }

    /** Results for `machines` (with their CST nodes, in order), reusing kept ones; keeps these for the next parse. */
    resultsFor(machines: ReadonlyArray<{ model: MachineModel; cst: CstNode | undefined }>): Map<MachineModel, MachineResult> {
        const results = new Map<MachineModel, MachineResult>();
        const next: Kept[] = [];
        for (const { model, cst } of machines) {
            const text = cst ? cst.root.fullText.substring(cst.offset, cst.end) : '';
            const { line, character } = model.range.start;
            const incomplete = model.incomplete === true;
            const same = this.kept.find(k => k.line === line && k.character === character && k.incomplete === incomplete && k.text === text);
            // A kept result describes the previous model's machine object: point it at this one.
            const result: MachineResult = same ? { findings: same.result.findings, analysis: { ...same.result.analysis, machine: model } } : analyzeMachine(model);
            results.set(model, result);
            if (cst) next.push({ node: cst.astNode, text, line, character, incomplete, result });
        }
        this.kept = next;
        return results;
    }
}
