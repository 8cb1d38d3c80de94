import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OWN_CASES } from '../support/paths.js';
import { diagnosticsOf } from '../support/lsp-in-process.js';

/**
 * The language server publishes each protocol-deadlock with its interleaving
 * as related information (one location per step, then the waiting action)
 * and the machine of each entry in `data.interleaving`.
 */
describe('protocol-deadlock in the editor', () => {
    it('carries the interleaving as related information, and its machines in data', async () => {
        const text = readFileSync(join(OWN_CASES, 'composition', 'cancel-only-on-timeout.rpcstate'), 'utf8');
        const deadlocks = (await diagnosticsOf(text)).filter(d => d.code === 'protocol-deadlock');
        expect(deadlocks.map(d => d.range.start.line + 1)).toEqual([19, 38]);
        const server = deadlocks[1];
        expect(server.codeDescription?.href).toMatch(/diagnostics\.md#protocol-deadlock$/);
        const related = server.relatedInformation!;
        expect(related.map(r => r.message.split(',')[0])).toEqual(['1. client Caller', '2. client Caller', '3. server Worker', '4. server Worker waits in Hold for RpcClientCancel; client Caller never cancels on this path (it waits in WComp for RpcCallComplete)']);
        expect(related.map(r => r.location.range.start.line + 1)).toEqual([9, 14, 34, 38]);
        expect(server.data).toEqual({ code: 'protocol-deadlock', interleaving: ['Caller', 'Caller', 'Worker', 'Worker'] });
    });

    it('gives single-machine findings no interleaving data', async () => {
        const text = readFileSync(join(OWN_CASES, 'composition', 'warnings-do-not-gate.rpcstate'), 'utf8');
        const warning = (await diagnosticsOf(text)).find(d => d.code === 'unhandled-outcome')!;
        expect(warning.data).toEqual({ code: 'unhandled-outcome' });
    });
});
