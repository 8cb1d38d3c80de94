import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CancellationToken, CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { Protocol } from '../../language/generated/ast.js';
import type { RpcstateServices } from '../../language/rpcstate-module.js';
import type { ProtocolAnalyzer } from '../../language/pipeline/protocol-analyzer.js';
import { CancellationCheckpoint } from './cancellation-checkpoint.js';
import { analyzedMachine } from './machine-analysis.js';
import { machineVerdict } from './machine-verdict.js';
import { nameRangeOf } from './name-ranges.js';

/** Command ids the client registers (the extension binds them; the server only names them). */
export const SHOW_DIAGRAM_COMMAND = 'rpcstate.showDiagram';
export const GENERATE_HANDLERS_COMMAND = 'rpcstate.generateHandlers';

/**
 * Above each machine: its verdict (a lens without a command, which editors
 * show as plain text), and lenses for the diagram and the handler generator,
 * with the document URI and the machine name as arguments.
 */
export class RpcstateCodeLensProvider implements CodeLensProvider {
    private readonly analyzer: ProtocolAnalyzer;

    constructor(services: RpcstateServices) {
        this.analyzer = services.analysis.ProtocolAnalyzer;
    }

    async provideCodeLens(document: LangiumDocument, _params: CodeLensParams, cancelToken?: CancellationToken): Promise<CodeLens[]> {
        const protocol = document.parseResult.value as Protocol;
        const uri = document.uri.toString();
        const checkpoint = new CancellationCheckpoint(cancelToken, 1);
        const lenses: CodeLens[] = [];
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
}
