import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Box } from '../../language/diagram/elk-layout.js';
import { layoutDiagram } from '../../language/diagram/elk-layout.js';
import { CHANNEL_GAP, longEdgesToRoute, routeInChannels } from '../../language/diagram/long-edges.js';
import { renderDiagramSvg } from '../../language/diagram/svg-renderer.js';
import { syntheticProtocol } from '../../scripts/bench/synthetic-protocol.js';
import { HAS_SHARED, OWN_CASES, OWN_EXAMPLES, SHARED_EXAMPLES } from '../support/paths.js';
import { rpcstateFilesUnder } from '../support/rpcstate-files.js';
import { diagramOfText } from './diagram-fixtures.js';

function overlaps(a: Box, b: Box): boolean {
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('long edges routed outside ELK', () => {
    it('leaves every example and case to ELK alone: small diagrams keep the full layered drawing', async () => {
        const specs = [...rpcstateFilesUnder(OWN_EXAMPLES), ...rpcstateFilesUnder(OWN_CASES), ...(HAS_SHARED ? rpcstateFilesUnder(SHARED_EXAMPLES) : [])];
        for (const path of specs) {
            const diagram = await diagramOfText(readFileSync(path, 'utf8'));
            for (const machine of diagram.machines) expect(longEdgesToRoute(machine).size, `${path} ${machine.id}`).toBe(0);
        }
    });

    it('takes the longest jumps first and keeps every edge spanning one layer', async () => {
        const diagram = await diagramOfText(syntheticProtocol(60));
        const client = diagram.machines[0];
        const routed = longEdgesToRoute(client, 40);
        expect(routed.size).toBeGreaterThan(0);
        // The chain C -> W -> P -> F -> next C is the backbone: none of it leaves ELK.
        for (const t of client.transitions.filter(t => /\/[CWP]\d+\//.test(t.id) || t.label === 'next')) expect(routed.has(t.id), t.id).toBe(false);
        // A smaller budget routes a superset; a huge one routes nothing.
        const tighter = longEdgesToRoute(client, 0);
        for (const id of routed) expect(tighter.has(id)).toBe(true);
        expect(tighter.size).toBeGreaterThan(routed.size);
        expect(longEdgesToRoute(client, Number.MAX_SAFE_INTEGER).size).toBe(0);
    });

    it('shares a channel only between edges whose vertical spans are apart', () => {
        const box = (y: number): Box => ({ x: 0, y, width: 10, height: 10 });
        const paths = routeInChannels([
            { id: 'a', source: box(0), fromY: 5, target: box(100) },
            { id: 'b', source: box(50), fromY: 55, target: box(200) },
            { id: 'c', source: box(300), fromY: 305, target: box(400) },
        ], 20);
        const channelX = (id: string) => paths.get(id)![1].x;
        expect(channelX('a')).toBe(20 + CHANNEL_GAP);
        expect(channelX('b')).toBe(20 + 2 * CHANNEL_GAP);
        expect(channelX('c')).toBe(channelX('a'));
        // Out of the source's right border, back into the target's right border at its middle.
        expect(paths.get('b')).toEqual([{ x: 10, y: 55 }, { x: 32, y: 55 }, { x: 32, y: 205 }, { x: 10, y: 205 }]);
    });

    it('a large diagram: every transition drawn, no box or label overlaps another, routed lines in their machine, same picture twice', async () => {
        const diagram = await diagramOfText(syntheticProtocol(100));
        const layout = await layoutDiagram(diagram);
        const routed = new Set(diagram.machines.flatMap(m => [...longEdgesToRoute(m)]));
        expect(routed.size).toBeGreaterThan(10);
        const edges = new Map(layout.edges.map(e => [e.id, e]));
        const nodes = new Map(layout.nodes.map(n => [n.id, n]));
        for (const machine of diagram.machines) {
            const frame = layout.machines.find(m => m.id === machine.id)!;
            for (const t of machine.transitions) {
                const edge = edges.get(t.id);
                expect(edge?.points.length, t.id).toBeGreaterThanOrEqual(2);
                expect(edge?.label, t.id).toBeDefined();
                if (!routed.has(t.id)) continue;
                const [first, , , last] = edge!.points;
                const source = nodes.get(t.source)!;
                const target = nodes.get(t.target)!;
                expect(first.x).toBeCloseTo(source.x + source.width);
                expect(first.y).toBeGreaterThanOrEqual(source.y);
                expect(first.y).toBeLessThanOrEqual(source.y + source.height);
                expect(last).toEqual({ x: target.x + target.width, y: target.y + target.height / 2 });
                for (const p of edge!.points) expect(p.x <= frame.x + frame.width && p.x >= frame.x, `${t.id} inside ${machine.id}`).toBe(true);
            }
        }
        const boxes = [...layout.nodes, ...layout.edges.flatMap(e => (e.label ? [{ ...e.label, id: `${e.id} label` }] : []))];
        for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
                if (overlaps(boxes[i], boxes[j])) expect.fail(`${boxes[i].id} overlaps ${boxes[j].id}`);
            }
        }
        expect(renderDiagramSvg(diagram, await layoutDiagram(diagram))).toBe(renderDiagramSvg(diagram, layout));
    }, 60_000);
});
