import type { AstNodeDescription, LangiumDocument, LocalSymbols } from 'langium';
import { DefaultScopeComputation, MultiMap } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { Protocol } from '../generated/ast.js';

/**
 * Exports each machine (the index and workspace symbols see it), and no
 * local symbol table: state references resolve through StateScopeProvider's
 * per-machine map, so the table would be built for nothing.
 */
export class MachineScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument, _cancelToken?: CancellationToken): Promise<AstNodeDescription[]> {
        const protocol = document.parseResult.value as Protocol;
        const exports: AstNodeDescription[] = [];
        for (const machine of protocol.machines ?? []) {
            if (machine.name) exports.push(this.descriptions.createDescription(machine, machine.name, document));
        }
        return exports;
    }

    override async collectLocalSymbols(_document: LangiumDocument, _cancelToken?: CancellationToken): Promise<LocalSymbols> {
        return new MultiMap();
    }
}
