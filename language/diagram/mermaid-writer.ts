import type { DiagramFinding, DiagramModel, DiagramState } from './diagram-model.js';
import { singleLine, stateLines } from './diagram-text.js';
import { edgeLabelText, machineTitle } from './elk-layout.js';

/**
 * The diagram as a Mermaid `stateDiagram-v2` (`rpcstate diagram --format
 * mermaid`), for Markdown renderers that draw Mermaid (GitHub, GitLab...).
 * Mermaid ids are generated (`m0`, `s0`...): a state may be called `note` or
 * `direction`, words Mermaid reads as keywords. Text goes through
 * `mermaidText`, which writes every character that could mean something to
 * Mermaid or to HTML as a Mermaid entity code (`#60;`), so it shows literally.
 * Each machine's end state becomes Mermaid's final state `[*]`, which Mermaid
 * draws without a name. Mermaid cannot colour one transition of a state
 * diagram, so only states carry the error, warning and unreachable classes.
 */
export function writeMermaid(diagram: DiagramModel): string {
    const out: string[] = ['stateDiagram-v2'];
    out.push(`    %% protocol ${mermaidComment(diagram.protocol)}`);
    if (diagram.syntaxErrors.length > 0) out.push('    %% the text has syntax errors: this shows what parsed');
    out.push('    classDef error stroke:#cf222e,stroke-width:2px', '    classDef warning stroke:#9a6700,stroke-width:2px', '    classDef unreachable stroke-dasharray:5 3,color:#59636e');
    if (diagram.interleaving) out.push('    classDef waiting stroke:#cf222e,stroke-width:3px,stroke-dasharray:6 2', `    %% deadlock: ${mermaidComment(diagram.interleaving.summary)}`);
    let nextState = 0;
    diagram.machines.forEach((machine, m) => {
        const ids = new Map<string, string>();
        for (const state of machine.states) ids.set(state.id, state.end ? '[*]' : `s${nextState++}`);
        out.push(`    state "${mermaidText(machineTitle(machine) + (machine.incomplete ? ' (incomplete)' : ''))}" as m${m} {`);
        for (const state of machine.states) {
            if (state.end) continue;
            const id = ids.get(state.id)!;
            const [name, ...details] = stateLines(state);
            out.push(`        state "${mermaidText(name.text)}" as ${id}`);
            for (const line of details) out.push(`        ${id} : ${mermaidText(line.text)}`);
            const cls = stateClass(state);
            if (cls) out.push(`        class ${id} ${cls}`);
        }
        for (const state of machine.states) {
            if (state.initial && !state.end) out.push(`        [*] --> ${ids.get(state.id)}`);
        }
        for (const transition of machine.transitions) {
            const source = ids.get(transition.source);
            const target = ids.get(transition.target);
            if (!source || !target || source === '[*]') continue;
            out.push(`        ${source} --> ${target} : ${mermaidText(edgeLabelText(transition.label))}`);
        }
        out.push('    }');
    });
    return out.join('\n') + '\n';
}

/**
 * Text Mermaid shows as written: letters, digits, spaces and a few harmless
 * marks pass; every other character becomes `#<code point>;`, which Mermaid
 * turns into an HTML character reference after parsing (so `<script>` is
 * drawn, never parsed, and quotes, colons, `%%` or `-->` cannot end the text).
 */
export function mermaidText(text: string): string {
    let result = '';
    for (const ch of singleLine(text)) {
        result += /[A-Za-z0-9 _.,/()-]/.test(ch) ? ch : `#${ch.codePointAt(0)};`;
    }
    return result;
}

/** A comment ends at the line's end; nothing else in it matters to Mermaid. */
function mermaidComment(text: string): string {
    return singleLine(text);
}

function stateClass(state: DiagramState): string | undefined {
    if (state.waits) return 'waiting';
    if (state.missing || hasSeverity(state.findings, 'error')) return 'error';
    if (hasSeverity(state.findings, 'warning')) return 'warning';
    return state.reachable ? undefined : 'unreachable';
}

function hasSeverity(findings: readonly DiagramFinding[], severity: DiagramFinding['severity']): boolean {
    return findings.some(f => f.severity === severity);
}
