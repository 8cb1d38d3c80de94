import type { ELK, ELKConstructorArguments, ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';
import type { DiagramMachine, DiagramModel } from './diagram-model.js';
import { FONT_SIZE, lineHeight, singleLine, shorten, stateBoxSize, stateLines, textWidth } from './diagram-text.js';
import { DEFAULT_DUMMY_BUDGET, longEdgesToRoute, routeInChannels, type ChannelEdge } from './long-edges.js';

/**
 * Where everything goes: the one place ELK is configured. Each machine is
 * laid out on its own by ELK's layered algorithm (top to bottom, the
 * initial state first, ordered as written so an edit moves little), then
 * the machines are put side by side, client first. Plain JSON, like the
 * diagram model; all coordinates are absolute, in SVG user units.
 *
 * A large machine's longest transitions (long-edges.ts) are not given to ELK
 * as edges: each becomes a label beside its source state, which ELK places
 * and keeps clear of everything else, and its line is routed afterwards in a
 * channel on the right of the machine. ELK still places every node.
 */
export interface DiagramLayout {
    readonly width: number;
    readonly height: number;
    readonly machines: readonly MachineBox[];
    readonly nodes: readonly NodeBox[];
    readonly edges: readonly EdgePath[];
}

export interface Box {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
}

export interface MachineBox extends Box {
    readonly id: string;
    /** Height of the title band at the top of the box. */
    readonly titleHeight: number;
}

export interface NodeBox extends Box {
    /** A state id; the initial marker of a state is `<state id>#initial`. */
    readonly id: string;
    readonly kind: 'state' | 'end' | 'initial';
    /** The end state's name, placed by ELK beside its circle. */
    readonly label?: Box;
}

export interface Point {
    readonly x: number;
    readonly y: number;
}

export interface EdgePath {
    /** A transition id, or `<state id>#initial` for the arrow from the initial marker. */
    readonly id: string;
    readonly points: readonly Point[];
    readonly label?: Box;
}

export const INITIAL_MARKER_SUFFIX = '#initial';
const END_DIAMETER = 30;
const INITIAL_DIAMETER = 14;
const MACHINE_PADDING = 16;
const MACHINE_GAP = 40;
const TITLE_HEIGHT = 30;
/** Longest edge label drawn; the full text is in the edge's tooltip. */
export const MAX_EDGE_LABEL_CHARS = 48;

const MACHINE_OPTIONS: LayoutOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': 'DOWN',
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.randomSeed': '1',
    // Keep the order of the text: a small edit gives a similar picture.
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
    'elk.spacing.nodeNode': '28',
    'elk.layered.spacing.nodeNodeBetweenLayers': '36',
    'elk.spacing.edgeLabel': '4',
    'elk.spacing.edgeNode': '14',
    'elk.layered.spacing.edgeNodeBetweenLayers': '14',
    'elk.spacing.labelNode': '4',
    'elk.edgeLabels.placement': 'CENTER',
    'elk.padding': `[top=${MACHINE_PADDING},left=${MACHINE_PADDING},bottom=${MACHINE_PADDING},right=${MACHINE_PADDING}]`,
};

/** Suffix of the id of a routed transition's label, attached to its source state in the ELK graph. */
const ROUTED_LABEL_SUFFIX = '#routed-label';
/** Suffix of the id of an end state's name label. */
const END_NAME_SUFFIX = '#name';

/**
 * One ELK instance: the bundled build runs in this thread, no worker, in Node
 * and in browsers alike. Loaded on the first layout, not with this module:
 * evaluating elkjs costs about 0.3 s, which the language server would
 * otherwise pay at start-up for a diagram nobody may ask for.
 */
let elk: Promise<ELK> | undefined;

function loadElk(): Promise<ELK> {
    elk ??= import('elkjs/lib/elk.bundled.js').then(module => {
        // elkjs is CommonJS with ESM-style typings: the constructor is the module itself or its `default`, depending on the loader.
        const exported = module as unknown as { default?: unknown };
        const Constructor = (exported.default ?? exported) as new (args?: ELKConstructorArguments) => ELK;
        return new Constructor();
    });
    return elk;
}

export interface LayoutTuning {
    /** ELK options that replace those of every machine (for experiments and the bench; the defaults are the product). */
    readonly elk?: LayoutOptions;
    /** Dummy nodes ELK may get per machine before long transitions are routed outside it (long-edges.ts). */
    readonly dummyBudget?: number;
}

export async function layoutDiagram(diagram: DiagramModel, tuning: LayoutTuning = {}): Promise<DiagramLayout> {
    const engine = await loadElk();
    const routed = diagram.machines.map(machine => longEdgesToRoute(machine, tuning.dummyBudget ?? DEFAULT_DUMMY_BUDGET));
    const laidOut = await Promise.all(diagram.machines.map((machine, i) => engine.layout(machineGraph(machine, routed[i], tuning.elk ?? {}))));
    const machines: MachineBox[] = [];
    const nodes: NodeBox[] = [];
    const edges: EdgePath[] = [];
    let x = 0;
    let height = 0;
    diagram.machines.forEach((machine, i) => {
        const graph = laidOut[i];
        const machineNodes = (graph.children ?? []).map(child => placedNode(child, 0, 0));
        const machineEdges = ((graph.edges ?? []) as ElkExtendedEdge[]).map(edge => placedEdge(edge, 0, 0));
        const routedEdges = routedTransitions(machine, routed[i], graph, machineNodes, extent(machineNodes, machineEdges).right);
        machineEdges.push(...routedEdges.edges);
        // ELK's graph size can miss an edge label sticking out of it (seen with long labels on the outermost edge); the channels of routed edges widen it too.
        const content = extent(machineNodes, machineEdges);
        const shift = Math.max(0, MACHINE_PADDING - content.left);
        const graphWidth = Math.max(graph.width ?? 0, content.right + MACHINE_PADDING) + shift;
        const titleWidth = textWidth(machineTitle(machine), FONT_SIZE.title) + 2 * MACHINE_PADDING;
        const width = Math.max(graphWidth, titleWidth);
        // Centre narrow graphs under a wide title.
        const dx = x + (width - graphWidth) / 2 + shift;
        const dy = TITLE_HEIGHT;
        const box: MachineBox = { id: machine.id, x, y: 0, width, height: (graph.height ?? 0) + TITLE_HEIGHT, titleHeight: TITLE_HEIGHT };
        machines.push(box);
        height = Math.max(height, box.height);
        for (const node of machineNodes) nodes.push(movedNode(node, dx, dy));
        for (const edge of machineEdges) edges.push(movedEdge(edge, dx, dy));
        x += width + MACHINE_GAP;
    });
    return { width: Math.max(0, x - MACHINE_GAP), height, machines, nodes, edges };
}

export function machineTitle(machine: DiagramMachine): string {
    return `${machine.side} ${machine.name}`;
}

/** The text on a transition's edge, as drawn (the model's label, on one line, shortened). */
export function edgeLabelText(label: string): string {
    return shorten(singleLine(label), MAX_EDGE_LABEL_CHARS);
}

function machineGraph(machine: DiagramMachine, routed: ReadonlySet<string>, overrides: LayoutOptions): ElkNode {
    const children: ElkNode[] = [];
    const edges: ElkExtendedEdge[] = [];
    const routedLabels = new Map<string, ElkNode['labels'] & object>();
    for (const transition of machine.transitions) {
        if (!routed.has(transition.id)) continue;
        const text = edgeLabelText(transition.label);
        const labels = routedLabels.get(transition.source) ?? [];
        labels.push({ id: transition.id + ROUTED_LABEL_SUFFIX, text, width: textWidth(text, FONT_SIZE.edge), height: lineHeight('edge') });
        routedLabels.set(transition.source, labels);
    }
    for (const state of machine.states) {
        if (state.end) {
            const name = shorten(state.name, 40);
            children.push({
                id: state.id, width: END_DIAMETER, height: END_DIAMETER,
                // The name goes under the circle, and ELK keeps other things clear of it.
                layoutOptions: { 'elk.nodeLabels.placement': 'OUTSIDE V_BOTTOM H_CENTER' },
                labels: [{ id: state.id + END_NAME_SUFFIX, text: name, width: textWidth(name, FONT_SIZE.detail), height: lineHeight('description') }],
            });
        } else {
            const labels = routedLabels.get(state.id);
            children.push({
                id: state.id, ...stateBoxSize(stateLines(state)),
                // Routed transitions' labels stack on the right of their source, where their lines leave; ELK keeps other things clear of them.
                ...(labels ? { labels, layoutOptions: { 'elk.nodeLabels.placement': 'OUTSIDE H_RIGHT V_CENTER' } } : {}),
            });
        }
        if (state.initial) {
            const marker = state.id + INITIAL_MARKER_SUFFIX;
            children.push({ id: marker, width: INITIAL_DIAMETER, height: INITIAL_DIAMETER, layoutOptions: { 'elk.layered.layering.layerConstraint': 'FIRST' } });
            edges.push({ id: marker, sources: [marker], targets: [state.id] });
        }
    }
    for (const transition of machine.transitions) {
        if (routed.has(transition.id)) continue;
        const text = edgeLabelText(transition.label);
        edges.push({
            id: transition.id, sources: [transition.source], targets: [transition.target],
            labels: [{ text, width: textWidth(text, FONT_SIZE.edge), height: lineHeight('edge') }],
        });
    }
    return { id: machine.id, layoutOptions: { ...MACHINE_OPTIONS, ...overrides }, children, edges };
}

function placedNode(node: ElkNode, dx: number, dy: number): NodeBox {
    const box = { x: (node.x ?? 0) + dx, y: (node.y ?? 0) + dy, width: node.width ?? 0, height: node.height ?? 0 };
    if (node.id.endsWith(INITIAL_MARKER_SUFFIX)) return { id: node.id, kind: 'initial', ...box };
    const label = node.labels?.find(l => l.id === node.id + END_NAME_SUFFIX);
    if (!label) return { id: node.id, kind: 'state', ...box };
    // Node label positions are relative to the node.
    return { id: node.id, kind: 'end', ...box, label: { x: box.x + (label.x ?? 0), y: box.y + (label.y ?? 0), width: label.width ?? 0, height: label.height ?? 0 } };
}

function placedEdge(edge: ElkExtendedEdge, dx: number, dy: number): EdgePath {
    const points: Point[] = [];
    for (const section of edge.sections ?? []) {
        for (const p of [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]) {
            const last = points[points.length - 1];
            if (!last || last.x !== p.x + dx || last.y !== p.y + dy) points.push({ x: p.x + dx, y: p.y + dy });
        }
    }
    const label = edge.labels?.[0];
    return {
        id: edge.id,
        points,
        ...(label ? { label: { x: (label.x ?? 0) + dx, y: (label.y ?? 0) + dy, width: label.width ?? 0, height: label.height ?? 0 } } : {}),
    };
}

/**
 * The routed transitions of one machine, in ELK's coordinates: each line
 * leaves its source's right border at its label's height (the label, drawn
 * over the line, names it) and runs in a channel right of everything ELK
 * placed. A state's labels can stack beyond its box's height: the line then
 * leaves from the box's nearest point and the label still marks it.
 */
function routedTransitions(machine: DiagramMachine, routed: ReadonlySet<string>, graph: ElkNode, placed: readonly NodeBox[], contentRight: number): { edges: EdgePath[] } {
    if (routed.size === 0) return { edges: [] };
    const boxes = new Map(placed.map(node => [node.id, node]));
    const labelBoxes = new Map<string, Box>();
    for (const child of graph.children ?? []) {
        for (const label of child.labels ?? []) {
            if (!label.id?.endsWith(ROUTED_LABEL_SUFFIX)) continue;
            labelBoxes.set(label.id.slice(0, -ROUTED_LABEL_SUFFIX.length), {
                x: (child.x ?? 0) + (label.x ?? 0), y: (child.y ?? 0) + (label.y ?? 0), width: label.width ?? 0, height: label.height ?? 0,
            });
        }
    }
    const channelEdges: ChannelEdge[] = [];
    let right = contentRight;
    for (const box of labelBoxes.values()) right = Math.max(right, box.x + box.width);
    for (const transition of machine.transitions) {
        const source = boxes.get(transition.source);
        const target = boxes.get(transition.target);
        const label = labelBoxes.get(transition.id);
        if (!routed.has(transition.id) || !source || !target || !label) continue;
        const fromY = Math.max(source.y + 2, Math.min(label.y + label.height / 2, source.y + source.height - 2));
        channelEdges.push({ id: transition.id, source, fromY, target });
    }
    const channels = routeInChannels(channelEdges, right);
    return { edges: channelEdges.map(edge => ({ id: edge.id, points: channels.get(edge.id)!, label: labelBoxes.get(edge.id)! })) };
}

/** The horizontal extent of everything drawn of one machine. */
function extent(nodes: readonly NodeBox[], edges: readonly EdgePath[]): { left: number; right: number } {
    let left = Infinity;
    let right = -Infinity;
    const add = (x: number, width = 0) => {
        left = Math.min(left, x);
        right = Math.max(right, x + width);
    };
    for (const node of nodes) {
        add(node.x, node.width);
        if (node.label) add(node.label.x, node.label.width);
    }
    for (const edge of edges) {
        for (const p of edge.points) add(p.x);
        if (edge.label) add(edge.label.x, edge.label.width);
    }
    return Number.isFinite(left) ? { left, right } : { left: 0, right: 0 };
}

function movedNode(node: NodeBox, dx: number, dy: number): NodeBox {
    return { ...node, x: node.x + dx, y: node.y + dy, ...(node.label ? { label: { ...node.label, x: node.label.x + dx, y: node.label.y + dy } } : {}) };
}

function movedEdge(edge: EdgePath, dx: number, dy: number): EdgePath {
    return {
        id: edge.id,
        points: edge.points.map(p => ({ x: p.x + dx, y: p.y + dy })),
        ...(edge.label ? { label: { ...edge.label, x: edge.label.x + dx, y: edge.label.y + dy } } : {}),
    };
}
