import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { writeDot } from '../../language/diagram/dot-writer.js';
import { layoutDiagram } from '../../language/diagram/elk-layout.js';
import { withInterleaving } from '../../language/diagram/interleaving-overlay.js';
import { writeMermaid } from '../../language/diagram/mermaid-writer.js';
import { writeInterleavingSequence } from '../../language/diagram/sequence-writer.js';
import { renderDiagramSvg } from '../../language/diagram/svg-renderer.js';
import { ladderProtocol } from '../support/ladder-protocol.js';
import { HAS_SHARED, OWN_CASES, SHARED_EXAMPLES } from '../support/paths.js';
import { runCliInProcess } from '../support/run-cli.js';
import { compositionOfText, diagramOfText } from './diagram-fixtures.js';

/**
 * A deadlock's interleaving drawn: numbered steps on the transitions of both
 * machines and the waiting states marked (every format), and the Mermaid
 * sequenceDiagram of `rpcstate diagram --interleaving --format mermaid`.
 * Mermaid's own parser reads it in browser-rendering.test.ts.
 */
const CANCEL_WAIT = HAS_SHARED ? readFileSync(join(SHARED_EXAMPLES, 'composition', 'cancel-wait.rpcstate'), 'utf8') : '';
const { window } = new JSDOM('');

async function cancelWaitDrawn(deadlock = 0) {
    const report = compositionOfText(CANCEL_WAIT)!;
    return withInterleaving(await diagramOfText(CANCEL_WAIT), report.deadlocks[deadlock]);
}

describe.skipIf(!HAS_SHARED)('a deadlock drawn on the diagram', () => {
    it('numbers the steps on the transitions they take, in both machines, and marks both waiting states', async () => {
        const diagram = await cancelWaitDrawn();
        const stepped = diagram.machines.flatMap(m => m.transitions.filter(t => t.steps).map(t => `${t.id} ${t.steps!.join(',')} ${t.label}`));
        expect(stepped).toEqual(['client:Caller/C/0 1 1▸ success', 'server:Worker/D/1 2 2▸ slow']);
        const waiting = diagram.machines.flatMap(m => m.states.filter(s => s.waits).map(s => `${s.id}: ${s.waits}`));
        expect(waiting).toEqual(['client:Caller/WComp: 3▸ waits forever for the reply', 'server:Worker/Hold: 3▸ waits forever for RpcClientCancel']);
        expect(diagram.interleaving).toMatchObject({ skipped: 0, steps: 2 });
    });

    it('SVG: the stepped edges and waiting states have their classes, the banner names the deadlock, the boxes fit the new line', async () => {
        const diagram = await cancelWaitDrawn(1);
        const svg = renderDiagramSvg(diagram, await layoutDiagram(diagram));
        const document = new window.DOMParser().parseFromString(svg, 'image/svg+xml');
        expect([...document.querySelectorAll('.rs-step')].map(e => e.getAttribute('data-id'))).toEqual(['client:Caller/C/0', 'server:Worker/D/1']);
        expect([...document.querySelectorAll('.rs-waiting')].map(e => e.getAttribute('data-id'))).toEqual(['client:Caller/WComp', 'server:Worker/Hold']);
        expect(document.querySelector('.rs-waiting .rs-state-waiting')!.textContent).toBe('3▸ waits forever for the reply');
        expect(document.querySelector('.rs-banner')!.textContent).toMatch(/^deadlock, 2 steps numbered on the transitions: Server Worker can wait forever in Hold/);
    });

    it('DOT and Mermaid state diagrams carry the numbers and mark the waiting states', async () => {
        const diagram = await cancelWaitDrawn();
        const dot = writeDot(diagram);
        expect(dot).toMatch(/"client:Caller\/C" -> "client:Caller\/WComp" \[id="client:Caller\/C\/0", label="1▸ success", .*penwidth=2\.5\]/);
        expect(dot).toMatch(/"client:Caller\/WComp" \[.*3▸ waits forever for the reply.*style="rounded,dashed".*color="#cf222e"/);
        const mermaid = writeMermaid(diagram);
        expect(mermaid).toContain('classDef waiting');
        expect(mermaid.match(/class s\d+ waiting/g)).toHaveLength(2);
        expect(mermaid).toContain(': 1#9656; success');
    });

    it('the sequence diagram: requests and cancels go client to server, replies back, other steps are notes; the end says who waits', () => {
        const report = compositionOfText(ladderProtocol(1, 'waits-for-cancel'))!;
        expect(writeInterleavingSequence(report.deadlocks[1], 'Ladder').split('\n')).toEqual([
            'sequenceDiagram',
            '    %% protocol Ladder: a shortest interleaving to a protocol-deadlock',
            '    participant c as client Climber',
            '    participant s as server Rungs',
            '    c->>s: 1. C#58; call Step, then on success -#62; P0',
            '    Note over s: 2. D#58; dispatch Step, then by default -#62; Q0',
            '    Note over s: 3. Q0#58; on left -#62; Hold',
            '    Note over c: in P0, can still move but never to what the other waits for',
            '    Note over s: waits forever in Hold',
            expect.stringMatching(/^ {4}Note over c,s: 4\. server Rungs waits in Hold for RpcClientCancel#59; client Climber never cancels/),
            '',
        ]);
    });

    it('a reply is an arrow from the server back to the client', () => {
        const report = compositionOfText(readFileSync(join(OWN_CASES, 'composition', 'server-loop-second-procedure.rpcstate'), 'utf8'))!;
        const lines = writeInterleavingSequence(report.deadlocks[0], 'P').split('\n');
        expect(lines.filter(line => line.includes('->>'))).toEqual([
            '    c->>s: 1. C1#58; call Compute, then on success -#62; W1',
            '    s-->>c: 3. Comp#58; RpcAsyncCompleteCall, then by default -#62; D',
            '    c->>s: 6. C2#58; call Report, then on success -#62; W2',
        ]);
    });
});

describe.skipIf(!HAS_SHARED)('rpcstate diagram --interleaving', () => {
    const file = join(SHARED_EXAMPLES, 'composition', 'cancel-wait.rpcstate');

    it('--format mermaid prints the sequenceDiagram of the first deadlock; --interleaving 2 the second', async () => {
        const first = await runCliInProcess(['diagram', file, '--interleaving', '--format', 'mermaid']);
        expect(first.stdout).toMatch(/^sequenceDiagram\n/);
        expect(first.stdout).toContain('Note over c,s: 3. client Caller waits in WComp');
        expect(first.status).toBe(1);
        const second = await runCliInProcess(['diagram', file, '--interleaving', '2', '--format', 'mermaid']);
        expect(second.stdout).toContain('Note over c,s: 3. server Worker waits in Hold');
    });

    it('svg draws the overlay', async () => {
        const result = await runCliInProcess(['diagram', file, '--interleaving']);
        expect(result.stdout).toContain('class="rs-edge rs-step"');
        expect(result.stdout).toContain('rs-waiting');
    });

    it('says why when there is nothing to draw, with exit 2', async () => {
        const clean = await runCliInProcess(['diagram', join(SHARED_EXAMPLES, 'composition', 'served-in-a-loop.rpcstate'), '--interleaving']);
        expect(clean).toMatchObject({ status: 2, stdout: '' });
        expect(clean.stderr).toMatch(/--interleaving: no deadlock to draw \(client Repeater × server Loop: no deadlock, \d+ joint points explored\)\n$/);
        expect((await runCliInProcess(['diagram', file, '--interleaving', '3'])).stderr).toMatch(/--interleaving 3: there are 2 deadlocks/);
        expect((await runCliInProcess(['diagram', file, '--interleaving', '0'])).status).toBe(2);
    });
});
