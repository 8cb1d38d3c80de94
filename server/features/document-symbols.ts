import type { LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import type { CancellationToken, DocumentSymbol, DocumentSymbolParams } from 'vscode-languageserver';
import { SymbolKind } from 'vscode-languageserver';
import type { Machine, Protocol, State } from '../../language/generated/ast.js';
import { CancellationCheckpoint } from './cancellation-checkpoint.js';
import { nameRangeOf } from './name-ranges.js';

/**
 * The outline: protocol > machines > states, with descriptions as details.
 * Nodes without a name (the parser recovered from a typo) are left out
 * rather than shown as blanks.
 */
export class RpcstateDocumentSymbolProvider implements DocumentSymbolProvider {
    async getSymbols(document: LangiumDocument, _params: DocumentSymbolParams, cancelToken?: CancellationToken): Promise<DocumentSymbol[]> {
        const protocol = document.parseResult.value as Protocol;
        const checkpoint = new CancellationCheckpoint(cancelToken);
        const machines: DocumentSymbol[] = [];
        for (const machine of protocol.machines ?? []) {
            const states: DocumentSymbol[] = [];
            for (const state of machine.states) {
                await checkpoint.tick();
                const symbol = stateSymbol(state);
                if (symbol) states.push(symbol);
            }
            const symbol = machineSymbol(machine, states);
            if (symbol) machines.push(symbol);
        }
        const range = protocol.$cstNode?.range;
        if (!protocol.name || !range) return machines;
        return [{
            name: protocol.name,
            detail: protocol.description,
            kind: SymbolKind.Namespace,
            range,
            selectionRange: nameRangeOf(protocol) ?? range,
            children: machines,
        }];
    }
}

function machineSymbol(machine: Machine, children: DocumentSymbol[]): DocumentSymbol | undefined {
    const range = machine.$cstNode?.range;
    if (!machine.name || !range) return undefined;
    return { name: machine.name, detail: machine.side, kind: SymbolKind.Class, range, selectionRange: nameRangeOf(machine) ?? range, children };
}

function stateSymbol(state: State): DocumentSymbol | undefined {
    const range = state.$cstNode?.range;
    if (!state.name || !range) return undefined;
    const marker = state.initial ? 'initial' : state.end ? 'end' : undefined;
    const detail = [marker, state.description].filter(Boolean).join(' · ') || undefined;
    return { name: state.name, detail, kind: SymbolKind.EnumMember, range, selectionRange: nameRangeOf(state) ?? range };
}
