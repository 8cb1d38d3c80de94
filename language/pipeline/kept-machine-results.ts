import type { CstNode } from 'langium';
import type { MachineResult } from '../analysis/analyze-protocol.js';
import { analyzeMachine } from '../analysis/analyze-protocol.js';
import type { MachineModel } from '../model/machine-model.js';

interface Kept {
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
            if (cst) next.push({ text, line, character, incomplete, result });
        }
        this.kept = next;
        return results;
    }
}
