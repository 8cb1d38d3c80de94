import type { DiagramFinding, DiagramModel, DiagramState, DiagramTransition } from './diagram-model.js';
import { DIAGRAM_RULES, LIGHT_THEME } from './diagram-stylesheet.js';
import { FONT_SIZE, lineHeight, STATE_PADDING, stateLines } from './diagram-text.js';
import type { Box, DiagramLayout, NodeBox, Point } from './elk-layout.js';
import { edgeLabelText, INITIAL_MARKER_SUFFIX, machineTitle } from './elk-layout.js';

/**
 * The one SVG renderer, shared by `rpcstate diagram` and the VS Code webview:
 * a laid-out diagram in, an SVG document out, by string building. Every piece
 * of user text goes through `escapeXml` and lands in text content or a quoted
 * attribute value, never in markup; no style attributes (a strict CSP would
 * drop them); colours come from CSS classes (diagram-stylesheet.ts).
 */
export interface SvgOptions {
    /** Embed the light stylesheet and an XML declaration: a file that stands alone (the CLI, "Export SVG"). Default true. */
    readonly standalone?: boolean;
    /** Prefix of the marker ids, for pages that hold several diagrams. */
    readonly idPrefix?: string;
}

const MARGIN = 12;
const BANNER_LINE = 18;
const MAX_BANNER_LINES = 3;

export function renderDiagramSvg(diagram: DiagramModel, layout: DiagramLayout, options: SvgOptions = {}): string {
    const standalone = options.standalone ?? true;
    const prefix = sanitizeId(options.idPrefix ?? 'rs');
    const banner = bannerLines(diagram);
    const top = banner.length * BANNER_LINE;
    const width = Math.ceil(layout.width + 2 * MARGIN);
    const height = Math.ceil(layout.height + top + 2 * MARGIN);
    const nodes = new Map(layout.nodes.map(node => [node.id, node]));
    const out: string[] = [];

    if (standalone) out.push('<?xml version="1.0" encoding="UTF-8"?>');
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="rpcstate-diagram" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`);
    out.push(`<title>${escapeXml(`protocol ${diagram.protocol}${diagram.description ? `: ${diagram.description}` : ''}`)}</title>`);
    if (standalone) out.push(`<style>${LIGHT_THEME}${DIAGRAM_RULES}</style>`);
    out.push('<defs>', marker(`${prefix}-arrow`, 'rs-arrowhead'), marker(`${prefix}-arrow-error`, 'rs-arrowhead rs-arrowhead-error'), '</defs>');
    out.push(`<rect class="rs-background" x="0" y="0" width="${width}" height="${height}"/>`);
    banner.forEach((line, i) => out.push(`<text class="rs-banner" x="${MARGIN}" y="${MARGIN + (i + 0.75) * BANNER_LINE}">${escapeXml(line)}</text>`));
    out.push(`<g class="rs-content" transform="translate(${MARGIN} ${MARGIN + top})">`);

    const machineBoxes = new Map(layout.machines.map(box => [box.id, box]));
    for (const machine of diagram.machines) {
        const box = machineBoxes.get(machine.id);
        if (!box) continue;
        const classes = ['rs-machine', ...severityClasses(machine.findings), ...(machine.incomplete ? ['rs-incomplete'] : [])];
        out.push(`<g class="${classes.join(' ')}" data-id="${escapeXml(machine.id)}">`);
        out.push(`<title>${escapeXml([machineTitle(machine), ...(machine.incomplete ? ['Incomplete: the parser recovered inside this machine; it is drawn as parsed and not checked.'] : []), ...findingLines(machine.findings)].join('\n'))}</title>`);
        out.push(`<rect class="rs-machine-frame" x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" rx="8"/>`);
        out.push(`<text class="rs-machine-title" x="${n(box.x + 12)}" y="${n(box.y + box.titleHeight * 0.65)}">${escapeXml(machineTitle(machine))}${machine.incomplete ? '<tspan class="rs-machine-note"> (incomplete: fix the syntax error)</tspan>' : ''}</text>`);
        out.push('</g>');
    }

    // Edges under the states, so an arrowhead never hides a box's text.
    const stateById = new Map<string, DiagramState>();
    for (const machine of diagram.machines) for (const state of machine.states) stateById.set(state.id, state);
    const transitionById = new Map<string, DiagramTransition>();
    for (const machine of diagram.machines) for (const transition of machine.transitions) transitionById.set(transition.id, transition);
    for (const edge of layout.edges) {
        const transition = transitionById.get(edge.id);
        if (edge.points.length < 2) continue;
        if (!transition) {
            // The arrow from an initial marker to its state.
            const stateId = edge.id.slice(0, -INITIAL_MARKER_SUFFIX.length);
            const points = clipToCircles(edge.points, nodes.get(edge.id), nodes.get(stateId));
            out.push(`<g class="rs-initial-edge" data-id="${escapeXml(stateId)}"><path class="rs-edge-line" d="${pathData(points)}" marker-end="url(#${prefix}-arrow)"/></g>`);
            continue;
        }
        const source = stateById.get(transition.source);
        const classes = ['rs-edge', ...severityClasses(transition.findings), ...(source && !source.reachable ? ['rs-unreachable'] : []), ...(transition.steps ? ['rs-step'] : [])];
        const hasError = transition.findings.some(f => f.severity === 'error');
        const points = clipToCircles(edge.points, nodes.get(transition.source), nodes.get(transition.target));
        const d = pathData(points);
        out.push(`<g class="${classes.join(' ')}" data-id="${escapeXml(transition.id)}">`);
        out.push(`<title>${escapeXml([`${source?.name ?? ''} → ${stateById.get(transition.target)?.name ?? ''}: ${transition.label}`, ...findingLines(transition.findings)].join('\n'))}</title>`);
        out.push(`<path class="rs-edge-hit" d="${d}"/>`);
        out.push(`<path class="rs-edge-line" d="${d}" marker-end="url(#${prefix}-arrow${hasError ? '-error' : ''})"/>`);
        if (edge.label) out.push(edgeLabel(edge.label, edgeLabelText(transition.label)));
        out.push('</g>');
    }

    for (const node of layout.nodes) {
        if (node.kind === 'initial') {
            const stateId = node.id.slice(0, -INITIAL_MARKER_SUFFIX.length);
            out.push(`<g class="rs-initial" data-id="${escapeXml(stateId)}"><title>initial state</title><circle class="rs-initial-dot" cx="${n(cx(node))}" cy="${n(cy(node))}" r="${n(node.width / 2)}"/></g>`);
            continue;
        }
        const state = stateById.get(node.id);
        if (state) out.push(stateNode(state, node));
    }
    out.push('</g>', '</svg>');
    return out.join('\n') + '\n';
}

/** XML text or attribute value: markup characters escaped, characters XML forbids replaced. */
export function escapeXml(text: string): string {
    return text
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}

function stateNode(state: DiagramState, node: NodeBox): string {
    const classes = ['rs-state', ...(state.end ? ['rs-end'] : []), ...(state.initial ? ['rs-initial-state'] : []), ...(state.missing ? ['rs-missing'] : []),
        ...(state.reachable ? [] : ['rs-unreachable']), ...severityClasses(state.findings), ...(state.waits ? ['rs-waiting'] : [])];
    const out = [`<g class="${classes.join(' ')}" data-id="${escapeXml(state.id)}">`, `<title>${escapeXml(stateTooltip(state))}</title>`];
    if (node.kind === 'end') {
        const r = node.width / 2;
        out.push(`<circle class="rs-end-outer" cx="${n(cx(node))}" cy="${n(cy(node))}" r="${n(r)}"/>`);
        out.push(`<circle class="rs-end-inner" cx="${n(cx(node))}" cy="${n(cy(node))}" r="${n(r * 0.6)}"/>`);
        const label = node.label ?? { x: node.x, y: node.y + node.height + 2, width: node.width, height: lineHeight('description') };
        out.push(`<text class="rs-state-name rs-end-name" x="${n(label.x + label.width / 2)}" y="${n(baseline(label, FONT_SIZE.detail))}" text-anchor="middle">${escapeXml(state.name)}</text>`);
    } else {
        out.push(`<rect class="rs-state-box" x="${n(node.x)}" y="${n(node.y)}" width="${n(node.width)}" height="${n(node.height)}" rx="8"/>`);
        let y = node.y + STATE_PADDING.y;
        for (const line of stateLines(state)) {
            const size = line.kind === 'name' ? FONT_SIZE.name : FONT_SIZE.detail;
            const h = lineHeight(line.kind);
            out.push(`<text class="rs-state-${line.kind}" x="${n(node.x + node.width / 2)}" y="${n(y + (h + size * 0.7) / 2)}" text-anchor="middle">${escapeXml(line.text)}</text>`);
            y += h;
        }
    }
    out.push('</g>');
    return out.join('\n');
}

function stateTooltip(state: DiagramState): string {
    const lines = [`${state.initial ? 'initial ' : ''}${state.end ? 'end ' : ''}state ${state.name}`];
    if (state.description) lines.push(state.description);
    if (state.actionLabel) lines.push(`action: ${state.actionLabel}`);
    if (state.phases.length > 0) lines.push(`on entry: ${state.phases.join('; ')}`);
    if (!state.reachable) lines.push('unreachable from the initial state');
    if (state.waits) lines.push(state.waits);
    lines.push(...findingLines(state.findings));
    return lines.join('\n');
}

function findingLines(findings: readonly DiagramFinding[]): string[] {
    return findings.map(f => `${f.severity} ${f.code}: ${f.message}`);
}

function severityClasses(findings: readonly DiagramFinding[]): string[] {
    if (findings.some(f => f.severity === 'error')) return ['rs-has-error'];
    if (findings.some(f => f.severity === 'warning')) return ['rs-has-warning'];
    return [];
}

function bannerLines(diagram: DiagramModel): string[] {
    const lines: string[] = [];
    if (diagram.syntaxErrors.length > 0) {
        const first = diagram.syntaxErrors[0];
        lines.push(`${diagram.syntaxErrors.length} syntax error${diagram.syntaxErrors.length === 1 ? '' : 's'}: the diagram shows what parsed. Line ${first.range.start.line + 1}: ${oneLine(first.message)}`);
    }
    for (const f of diagram.otherFindings) lines.push(`${f.severity} ${f.code}: ${oneLine(f.message)}`);
    if (diagram.interleaving) lines.push(`deadlock, ${diagram.interleaving.steps} steps numbered on the transitions: ${oneLine(diagram.interleaving.summary)}`);
    return lines.length > MAX_BANNER_LINES ? [...lines.slice(0, MAX_BANNER_LINES - 1), `… and ${lines.length - MAX_BANNER_LINES + 1} more problems`] : lines;
}

function oneLine(text: string): string {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}

function edgeLabel(box: Box, text: string): string {
    return `<rect class="rs-edge-label-bg" x="${n(box.x - 2)}" y="${n(box.y)}" width="${n(box.width + 4)}" height="${n(box.height)}" rx="3"/>`
        + `<text class="rs-edge-label" x="${n(box.x + box.width / 2)}" y="${n(baseline(box, FONT_SIZE.edge))}" text-anchor="middle">${escapeXml(text)}</text>`;
}

function marker(id: string, classes: string): string {
    return `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path class="${classes}" d="M0,0 L10,5 L0,10 z"/></marker>`;
}

/** The baseline that centres one line of text of this size in a box. */
function baseline(box: Box, size: number): number {
    return box.y + (box.height + size * 0.7) / 2;
}

function pathData(points: readonly Point[]): string {
    return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p.x)},${n(p.y)}`).join(' ');
}

/** ELK ends edges on bounding boxes; the initial dot and the end state are circles, so move those ends onto the circle. */
function clipToCircles(points: readonly Point[], source: NodeBox | undefined, target: NodeBox | undefined): Point[] {
    const result = [...points];
    if (source && source.kind !== 'state' && result.length >= 2) result[0] = onCircle(result[1], result[0], source);
    const last = result.length - 1;
    if (target && target.kind !== 'state' && last >= 1) result[last] = onCircle(result[last - 1], result[last], target);
    return result;
}

/** Where the segment from `outside` towards `end` first meets the node's circle; `end` unchanged if it misses. */
function onCircle(outside: Point, end: Point, node: NodeBox): Point {
    const r = node.width / 2;
    const c = { x: cx(node), y: cy(node) };
    const d = { x: end.x - outside.x, y: end.y - outside.y };
    const f = { x: outside.x - c.x, y: outside.y - c.y };
    const a = d.x * d.x + d.y * d.y;
    const b = 2 * (f.x * d.x + f.y * d.y);
    const k = f.x * f.x + f.y * f.y - r * r;
    const disc = b * b - 4 * a * k;
    if (a === 0 || disc < 0) return end;
    const t = (-b - Math.sqrt(disc)) / (2 * a);
    return t >= 0 && t <= 1 ? { x: outside.x + t * d.x, y: outside.y + t * d.y } : end;
}

function cx(box: Box): number {
    return box.x + box.width / 2;
}

function cy(box: Box): number {
    return box.y + box.height / 2;
}

/** Numbers in attributes: two decimals at most, never NaN (a corrupt layout draws at 0 rather than breaking the XML). */
function n(value: number): string {
    return Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '0';
}

/** Marker ids go into attributes and url(#...) references: keep them to safe characters. */
function sanitizeId(text: string): string {
    return text.replace(/[^A-Za-z0-9_-]/g, '_') || 'rs';
}
