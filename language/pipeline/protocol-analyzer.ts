import { AstUtils, CstUtils } from 'langium';
import type { AnalyzeOptions, ProtocolAnalysis } from '../analysis/analyze-protocol.js';
import type { SourcePosition } from '../model/source-range.js';
import { analyzeMachine, analyzeProtocol } from '../analysis/analyze-protocol.js';
import type { Protocol } from '../generated/ast.js';
import type { ProtocolModel } from '../model/machine-model.js';
import { buildProtocolModel } from '../model/model-builder.js';
import { KeptMachineResults } from './kept-machine-results.js';

export interface AnalyzedProtocol {
    readonly model: ProtocolModel;
    readonly analysis: ProtocolAnalysis;
}

/** How many documents' machine results are kept: those being edited. */
const KEPT_DOCUMENTS = 8;

/**
 * Builds the model and runs the analysis once per parsed document: the
 * validator, hovers, inlay hints and the diagram all ask for the same result.
 * Keyed by the AST root, which a re-parse replaces, so entries never go stale.
 * A machine whose text and place did not change keeps its previous result
 * (kept-machine-results.ts): an edit re-analyses the machine it touched.
 */
export class ProtocolAnalyzer {
    private readonly cache = new WeakMap<Protocol, AnalyzedProtocol>();
    /** Per document: the last parse's machine results, reused for machines an edit left alone. */
    private readonly keptByDocument = new Map<string, KeptMachineResults>();

    /** `options` apply to every analysis (the CLI's --composition-budget). */
    constructor(private readonly options: AnalyzeOptions = {}) {}

    /** False in the language server, which runs the client × server check after validation, on its own. */
    get runsComposition(): boolean {
        return this.options.composition !== false;
    }

    analyze(protocol: Protocol): AnalyzedProtocol {
        let result = this.cache.get(protocol);
        if (!result) {
            const kept = this.keptFor(protocol);
            // Before anything of this parse is built: what it cannot reuse of the last one must be collectable by then.
            kept.release(protocol.machines.map(machine => machine.$cstNode));
            const model = buildProtocolModel(protocol, syntaxErrorPositions(protocol), (node, range, incomplete) => kept.keptModel(node, range, incomplete), node => kept.keptStates(node));
            const results = kept.resultsFor(model.machines.map((machine, i) => ({ model: machine, cst: protocol.machines[i]?.$cstNode })));
            result = { model, analysis: analyzeProtocol(model, { ...this.options, machineResult: machine => results.get(machine) ?? analyzeMachine(machine) }) };
            this.cache.set(protocol, result);
        }
        return result;
    }

    /** The analysis of a model parsed straight from text (the CLI's check): nothing to cache or keep, it is read once. */
    analyzeModel(model: ProtocolModel): ProtocolAnalysis {
        return analyzeProtocol(model, this.options);
    }

    private keptFor(protocol: Protocol): KeptMachineResults {
        const uri = protocol.$document?.uri.toString() ?? '';
        const kept = this.keptByDocument.get(uri) ?? new KeptMachineResults();
        // The most recently analysed documents only (a workspace check goes through every file once).
        this.keptByDocument.delete(uri);
        this.keptByDocument.set(uri, kept);
        if (this.keptByDocument.size > KEPT_DOCUMENTS) this.keptByDocument.delete(this.keptByDocument.keys().next().value!);
        return kept;
    }
}

/** Where the lexer and the parser failed, so the model can mark the machines they cut short. */
function syntaxErrorPositions(protocol: Protocol): SourcePosition[] {
    const { parseResult } = AstUtils.getDocument(protocol);
    const positions: SourcePosition[] = [];
    for (const error of parseResult.lexerErrors) positions.push({ line: error.line! - 1, character: error.column! - 1 });
    for (const error of parseResult.parserErrors) {
        // Recovery may report a made-up token (end of file: offsets -1); its neighbour places the error then.
        const previous = (error as { previousToken?: typeof error.token }).previousToken;
        const token = CstUtils.isValidTokenRange(error.token) ? error.token : previous && CstUtils.isValidTokenRange(previous) ? previous : undefined;
        if (token) positions.push({ line: token.startLine! - 1, character: token.startColumn! - 1 });
    }
    return positions;
}
