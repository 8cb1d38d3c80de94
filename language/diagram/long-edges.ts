import type { DiagramMachine } from './diagram-model.js';
import type { Box, Point } from './elk-layout.js';

/**
 * Long edges, the ones that make ELK slow. ELK's layered algorithm turns an
 * edge spanning k layers into k-1 dummy nodes, and its crossing minimisation
 * and node placement then work on all of them: a few hundred random "jump"
 * transitions between far-apart states cost tens of seconds. So a large
 * machine gives ELK only its backbone, and the longest edges are drawn here,
 * in vertical channels on the right of the machine (see `routeInChannels`).
 * Pure: no ELK, no DOM; deterministic for a given machine.
 */

/**
 * Dummy nodes ELK may have to handle per machine before long edges are taken
 * out of its hands. Every example and test case stays under it, so they keep
 * ELK's complete drawing (test/diagram/long-edges.test.ts); the bench's
 * 100-state protocol goes over it and took about 2 s with every edge in ELK,
 * 0.2-0.3 s once warm with its 25 longest jumps routed here.
 */
export const DEFAULT_DUMMY_BUDGET = 120;

/**
 * The transitions to route outside ELK: with every transition kept, ELK would
 * create more than `budget` dummy nodes. Estimated from a longest-path
 * layering over the forward edges in the order the states are written (the
 * order ELK's cycle breaking uses too): an edge spanning s layers costs s-1.
 * The cheapest edges stay with ELK first, so every state keeps the edge from
 * its predecessor in the layering and the picture keeps its shape; edges
 * spanning one layer or none (self-loops) always stay.
 */
export function longEdgesToRoute(machine: DiagramMachine, budget = DEFAULT_DUMMY_BUDGET): Set<string> {
    const order = new Map(machine.states.map((state, i) => [state.id, i]));
    const layer = new Array<number>(machine.states.length).fill(0);
    // States in text order: every forward edge's source comes before its target.
    const forwardIn = new Map<number, number[]>();
    for (const t of machine.transitions) {
        const s = order.get(t.source);
        const d = order.get(t.target);
        if (s === undefined || d === undefined || d <= s) continue;
        const list = forwardIn.get(d) ?? [];
        list.push(s);
        forwardIn.set(d, list);
    }
    for (let i = 0; i < layer.length; i++) {
        for (const s of forwardIn.get(i) ?? []) layer[i] = Math.max(layer[i], layer[s] + 1);
    }

    const costly: { id: string; cost: number; index: number }[] = [];
    let total = 0;
    machine.transitions.forEach((t, index) => {
        const s = order.get(t.source);
        const d = order.get(t.target);
        if (s === undefined || d === undefined) return;
        const cost = Math.max(0, Math.abs(layer[d] - layer[s]) - 1);
        if (cost === 0) return;
        costly.push({ id: t.id, cost, index });
        total += cost;
    });
    const routed = new Set<string>();
    if (total <= budget) return routed;
    costly.sort((a, b) => a.cost - b.cost || a.index - b.index);
    let spent = 0;
    for (const edge of costly) {
        if (spent + edge.cost <= budget) spent += edge.cost;
        else routed.add(edge.id);
    }
    return routed;
}

/** An edge to route: it leaves `source` at height `fromY` and enters `target` on its right side. */
export interface ChannelEdge {
    readonly id: string;
    readonly source: Box;
    readonly fromY: number;
    readonly target: Box;
}

export const CHANNEL_GAP = 6;

/**
 * Routes edges as three straight segments: right from the source's right
 * border, down or up a vertical channel right of everything ELK placed
 * (`right`), then left into the target's right border. Channels are shared
 * by edges whose vertical spans do not meet (greedy interval colouring, in
 * order of span top), so the extra width stays small. Returns the points of
 * each edge by id.
 */
export function routeInChannels(edges: readonly ChannelEdge[], right: number): Map<string, Point[]> {
    const spans = edges.map(edge => {
        const toY = edge.target.y + edge.target.height / 2;
        return { edge, toY, top: Math.min(edge.fromY, toY), bottom: Math.max(edge.fromY, toY) };
    });
    const byTop = [...spans].sort((a, b) => a.top - b.top || a.bottom - b.bottom || (a.edge.id < b.edge.id ? -1 : a.edge.id > b.edge.id ? 1 : 0));
    const channelBottoms: number[] = [];
    const channelOf = new Map<string, number>();
    for (const span of byTop) {
        let channel = channelBottoms.findIndex(bottom => bottom + CHANNEL_GAP < span.top);
        if (channel < 0) channel = channelBottoms.push(span.bottom) - 1;
        else channelBottoms[channel] = span.bottom;
        channelOf.set(span.edge.id, channel);
    }
    const paths = new Map<string, Point[]>();
    for (const { edge, toY } of spans) {
        const x = right + CHANNEL_GAP * (channelOf.get(edge.id)! + 1);
        paths.set(edge.id, [
            { x: edge.source.x + edge.source.width, y: edge.fromY },
            { x, y: edge.fromY },
            { x, y: toY },
            { x: edge.target.x + edge.target.width, y: toY },
        ]);
    }
    return paths;
}
