import elkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK, ELKConstructorArguments, ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';
import type { DiagramMachine, DiagramModel } from './diagram-model.js';
import { FONT_SIZE, lineHeight, singleLine, shorten, stateBoxSize, stateLines, textWidth } from './diagram-text.js';

/**
 * Where everything goes: the one place ELK is configured. Each machine is
 * laid out on its own by ELK's layered algorithm (top to bottom, the
 * initial state first, ordered as written so an edit moves little), then
 * the machines are put side by side, client first. Plain JSON, like the
 * diagram model; all coordinates are absolute, in SVG user units.
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

/**
 * elkjs is CommonJS with ESM-style typings: at run time the default import is
 * the constructor itself (Node, esbuild and vitest agree), whatever tsc thinks.
 */
const ElkConstructor = ((elkBundled as unknown as { default?: unknown }).default ?? elkBundled) as new (args?: ELKConstructorArguments) => ELK;

/** One ELK instance: the bundled build runs in this thread, no worker, in Node and in browsers alike. */
let elk: ELK | undefined;

/** `overrides` replace ELK options of every machine (for experiments and the bench; the defaults are the product). */
export async function layoutDiagram(diagram: DiagramModel, overrides: LayoutOptions = {}): Promise<DiagramLayout> {
    elk ??= new ElkConstructor();
    const laidOut = await Promise.all(diagram.machines.map(machine => elk!.layout(machineGraph(machine, overrides))));
    const machines: MachineBox[] = [];
    const nodes: NodeBox[] = [];
    const edges: EdgePath[] = [];
    let x = 0;
    let height = 0;
    diagram.machines.forEach((machine, i) => {
        const graph = laidOut[i];
        const titleWidth = textWidth(machineTitle(machine), FONT_SIZE.title) + 2 * MACHINE_PADDING;
        const width = Math.max(graph.width ?? 0, titleWidth);
        // Centre narrow graphs under a wide title.
        const dx = x + (width - (graph.width ?? 0)) / 2;
        const dy = TITLE_HEIGHT;
        const box: MachineBox = { id: machine.id, x, y: 0, width, height: (graph.height ?? 0) + TITLE_HEIGHT, titleHeight: TITLE_HEIGHT };
        machines.push(box);
        height = Math.max(height, box.height);
        for (const child of graph.children ?? []) nodes.push(placedNode(child, dx, dy));
        for (const edge of (graph.edges ?? []) as ElkExtendedEdge[]) edges.push(placedEdge(edge, dx, dy));
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

function machineGraph(machine: DiagramMachine, overrides: LayoutOptions): ElkNode {
    const children: ElkNode[] = [];
    const edges: ElkExtendedEdge[] = [];
    for (const state of machine.states) {
        if (state.end) {
            const name = shorten(state.name, 40);
            children.push({
                id: state.id, width: END_DIAMETER, height: END_DIAMETER,
                // The name goes under the circle, and ELK keeps other things clear of it.
                layoutOptions: { 'elk.nodeLabels.placement': 'OUTSIDE V_BOTTOM H_CENTER' },
                labels: [{ text: name, width: textWidth(name, FONT_SIZE.detail), height: lineHeight('description') }],
            });
        } else {
            children.push({ id: state.id, ...stateBoxSize(stateLines(state)) });
        }
        if (state.initial) {
            const marker = state.id + INITIAL_MARKER_SUFFIX;
            children.push({ id: marker, width: INITIAL_DIAMETER, height: INITIAL_DIAMETER, layoutOptions: { 'elk.layered.layering.layerConstraint': 'FIRST' } });
            edges.push({ id: marker, sources: [marker], targets: [state.id] });
        }
    }
    for (const transition of machine.transitions) {
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
    const label = node.labels?.[0];
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
