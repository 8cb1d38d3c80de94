import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CancellationToken, CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { Protocol } from '../../language/generated/ast.js';
import type { ProtocolAnalyzer } from '../../language/pipeline/protocol-analyzer.js';
import type { RpcstateLspServices } from '../rpcstate-lsp-module.js';
import { CancellationCheckpoint } from './cancellation-checkpoint.js';
import type { CompositionDiagnostics } from './composition-diagnostics.js';
import { compositionVerdict, STEP_INTERLEAVING_COMMAND } from './composition-lens.js';
import { analyzedMachine } from './machine-analysis.js';
import { machineVerdict } from './machine-verdict.js';
import { nameRangeOf } from './name-ranges.js';

/** Command ids the client registers (the extension binds them; the server only names them). */
export const SHOW_DIAGRAM_COMMAND = 'rpcstate.showDiagram';
export const GENERATE_HANDLERS_COMMAND = 'rpcstate.generateHandlers';

/**
 * On the `protocol` line, when the file has a client and a server: the
 * client × server verdict, and a lens that steps through a deadlock. Above each machine: its verdict (a lens without a command, which editors
 * show as plain text), and lenses for the diagram and the handler generator,
 * with the document URI and the machine name as arguments.
 */
export class RpcstateCodeLensProvider implements CodeLensProvider {
    private readonly analyzer: ProtocolAnalyzer;
    private readonly composition: CompositionDiagnostics;

    constructor(services: RpcstateLspServices) {
        this.analyzer = services.analysis.ProtocolAnalyzer;
        this.composition = services.composition.CompositionDiagnostics;
    }

    async provideCodeLens(document: LangiumDocument, _params: CodeLensParams, cancelToken?: CancellationToken): Promise<CodeLens[]> {
        const protocol = document.parseResult.value as Protocol;
        const uri = document.uri.toString();
        const checkpoint = new CancellationCheckpoint(cancelToken, 1);
        const lenses: CodeLens[] = await this.compositionLenses(document, cancelToken);
        for (const machine of protocol.machines ?? []) {
            await checkpoint.tick();
            const range = nameRangeOf(machine);
            const analyzed = analyzedMachine(this.analyzer, machine);
            if (!range || !machine.name || !analyzed) continue;
            lenses.push({ range, command: { title: machineVerdict(analyzed), command: '' } });
            lenses.push({ range, command: { title: 'Show diagram', command: SHOW_DIAGRAM_COMMAND, arguments: [uri, machine.name] } });
            lenses.push({ range, command: { title: 'Generate handlers', command: GENERATE_HANDLERS_COMMAND, arguments: [uri, machine.name] } });
        }
        return lenses;
    }

    /** The verdict waits for the check of this text (it runs after the diagnostics); a newer edit ends the wait. */
    private async compositionLenses(document: LangiumDocument, cancelToken?: CancellationToken): Promise<CodeLens[]> {
        const protocol = document.parseResult.value as Protocol;
        const machines = protocol.machines ?? [];
        const range = nameRangeOf(protocol);
        if (!range || !machines.some(m => m.side === 'client') || !machines.some(m => m.side === 'server')) return [];
        const report = await this.composition.report(document, cancelToken);
        const lenses: CodeLens[] = [{ range, command: { title: compositionVerdict(report), command: '' } }];
        if (report?.deadlocks.length) {
            const title = report.deadlocks.length === 1 ? 'Step through the deadlock' : 'Step through a deadlock';
            lenses.push({ range, command: { title, command: STEP_INTERLEAVING_COMMAND, arguments: [document.uri.toString()] } });
        }
        return lenses;
    }
}
