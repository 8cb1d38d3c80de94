import type { DiagramFinding, DiagramModel, DiagramState } from './diagram-model.js';
import { singleLine, stateLines } from './diagram-text.js';
import { edgeLabelText, INITIAL_MARKER_SUFFIX, machineTitle } from './elk-layout.js';

/**
 * The diagram as Graphviz DOT (`rpcstate diagram --format dot`): the same
 * elements, ids and labels as the SVG, laid out by Graphviz instead of ELK.
 * Every id and label is a quoted DOT string built by `dotString`, so no text
 * of the spec can end a string, start an HTML-like label or add an attribute.
 */
const COLORS = { error: '#cf222e', warning: '#9a6700', muted: '#59636e', step: '#0969da' } as const;

export function writeDot(diagram: DiagramModel): string {
    const out: string[] = [];
    out.push(`digraph ${dotString(diagram.protocol || 'protocol')} {`);
    out.push(`  graph [rankdir=TB, fontname="monospace", labelloc=t, label=${dotString(graphLabel(diagram))}];`);
    out.push('  node [shape=box, style=rounded, fontname="monospace", fontsize=11];');
    out.push('  edge [fontname="monospace", fontsize=10];');
    diagram.machines.forEach((machine, i) => {
        out.push(`  subgraph ${dotString(`cluster_${i}`)} {`);
        out.push(`    label=${dotString(machineTitle(machine) + (machine.incomplete ? ' (incomplete: fix the syntax error)' : ''))};`);
        out.push(`    tooltip=${dotString([machineTitle(machine), ...findingLines(machine.findings)].join('\n'))};`);
        const machineColor = colorOf(machine.findings);
        if (machineColor) out.push(`    color=${dotString(machineColor)}; fontcolor=${dotString(machineColor)};`);
        for (const state of machine.states) {
            out.push(`    ${dotString(state.id)} [${stateAttributes(state)}];`);
            if (state.initial) {
                const marker = state.id + INITIAL_MARKER_SUFFIX;
                out.push(`    ${dotString(marker)} [shape=point, width=0.15, label=""];`);
                out.push(`    ${dotString(marker)} -> ${dotString(state.id)};`);
            }
        }
        out.push('  }');
        const reachable = new Map(machine.states.map(state => [state.id, state.reachable]));
        for (const transition of machine.transitions) {
            const attributes = [`id=${dotString(transition.id)}`, `label=${dotString(edgeLabelText(transition.label))}`,
                `tooltip=${dotString([transition.label, ...findingLines(transition.findings)].join('\n'))}`];
            const color = colorOf(transition.findings);
            if (color) attributes.push(`color=${dotString(color)}`, `fontcolor=${dotString(color)}`, 'penwidth=2');
            else if (transition.steps) attributes.push(`color=${dotString(COLORS.step)}`, `fontcolor=${dotString(COLORS.step)}`, 'penwidth=2.5');
            if (reachable.get(transition.source) === false) attributes.push('style=dashed');
            out.push(`  ${dotString(transition.source)} -> ${dotString(transition.target)} [${attributes.join(', ')}];`);
        }
    });
    out.push('}');
    return out.join('\n') + '\n';
}

/**
 * A DOT quoted string holding `text` literally: one line (a label never
 * breaks where the spec's text has a newline; Graphviz also stops reading a
 * string at a NUL), control characters as spaces, backslashes and quotes escaped.
 */
export function dotString(text: string): string {
    // eslint-disable-next-line no-control-regex
    return `"${text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/[\\"]/g, ch => `\\${ch}`)}"`;
}

function stateAttributes(state: DiagramState): string {
    const lines = state.end ? [state.name] : stateLines(state).map(line => line.text);
    // Lines are escaped one by one, then joined with DOT's centred line break `\n`.
    const label = `"${lines.map(line => dotString(singleLine(line)).slice(1, -1)).join('\\n')}"`;
    const attributes = [`id=${dotString(state.id)}`, `label=${label}`, `tooltip=${dotString(tooltip(state))}`];
    if (state.end) attributes.push('shape=doublecircle', 'width=0.3', 'fontsize=10');
    const styles = [...(state.end ? [] : ['rounded']), ...(state.reachable && !state.waits ? [] : ['dashed']), ...(state.missing ? ['dotted'] : [])];
    if (styles.length > 0) attributes.push(`style=${dotString(styles.join(','))}`);
    const color = state.missing || state.waits ? COLORS.error : colorOf(state.findings);
    if (color) attributes.push(`color=${dotString(color)}`, 'penwidth=2');
    if (!state.reachable) attributes.push(`fontcolor=${dotString(COLORS.muted)}`);
    return attributes.join(', ');
}

function tooltip(state: DiagramState): string {
    return [`state ${state.name}`, ...(state.description ? [state.description] : []), ...(state.actionLabel ? [`action: ${state.actionLabel}`] : []),
        ...(state.reachable ? [] : ['unreachable from the initial state']), ...findingLines(state.findings)].join('\n');
}

function graphLabel(diagram: DiagramModel): string {
    const title = `protocol ${diagram.protocol}${diagram.description ? `: ${singleLine(diagram.description)}` : ''}`;
    return diagram.syntaxErrors.length > 0 ? `${title} (syntax errors: showing what parsed)` : title;
}

function findingLines(findings: readonly DiagramFinding[]): string[] {
    return findings.map(f => `${f.severity} ${f.code}: ${f.message}`);
}

function colorOf(findings: readonly DiagramFinding[]): string | undefined {
    if (findings.some(f => f.severity === 'error')) return COLORS.error;
    if (findings.some(f => f.severity === 'warning')) return COLORS.warning;
    return undefined;
}
