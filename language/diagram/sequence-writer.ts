import type { DeadlockTrace, FinalPlace, TraceStep } from '../analysis/composition/composition-report.js';
import { mermaidText } from './mermaid-writer.js';

/**
 * One deadlock's interleaving as a Mermaid `sequenceDiagram` between the
 * client and the server (`rpcstate diagram FILE --interleaving --format
 * mermaid`): a step that makes a request or cancels is an arrow from the
 * client to the server, a reply (Complete, Abort, raise) an arrow back, any
 * other step a note over the machine that takes it; notes at the end say
 * where each machine is and what it waits for. Every text goes through
 * `mermaidText`, as in the state diagram.
 */
export function writeInterleavingSequence(trace: DeadlockTrace, protocol: string): string {
    const client = trace.waiting.side === 'client' ? trace.waiting : trace.other;
    const server = trace.waiting.side === 'server' ? trace.waiting : trace.other;
    const out = ['sequenceDiagram', `    %% protocol ${oneLine(protocol)}: a shortest interleaving to a protocol-deadlock`];
    out.push(`    participant c as ${mermaidText(`client ${client.machine}`)}`, `    participant s as ${mermaidText(`server ${server.machine}`)}`);
    if (trace.skipped > 0) out.push(`    Note over c,s: ${mermaidText(`steps 1 to ${trace.skipped} from the start are not listed`)}`);
    for (const step of trace.steps) out.push(`    ${stepLine(step)}`);
    out.push(`    Note over c: ${mermaidText(placeText(client))}`, `    Note over s: ${mermaidText(placeText(server))}`);
    const last = trace.finding.path?.at(-1)?.message;
    if (last) out.push(`    Note over c,s: ${mermaidText(last)}`);
    return out.join('\n') + '\n';
}

function stepLine(step: TraceStep): string {
    const text = mermaidText(`${step.number}. ${step.state}: ${stepAction(step)}`);
    const self = step.side === 'client' ? 'c' : 's';
    if (step.side === 'client' && (step.changes.includes('request') || step.changes.includes('cancel'))) return `c->>s: ${text}`;
    if (step.side === 'server' && step.changes.includes('reply')) return `s-->>c: ${text}`;
    return `Note over ${self}: ${text}`;
}

/** The step's text without its number and machine (`3. server Worker, D: dispatch, on slow -> Hold` gives `dispatch, on slow -> Hold`). */
function stepAction(step: TraceStep): string {
    const prefix = `${step.number}. ${step.side} ${step.machine}, ${step.state}: `;
    return step.message.startsWith(prefix) ? step.message.slice(prefix.length) : step.message;
}

function placeText(place: FinalPlace): string {
    switch (place.status) {
        case 'waits': return `waits forever in ${place.state}`;
        case 'done': return `done, in ${place.state}`;
        default: return `in ${place.state}, can still move but never to what the other waits for`;
    }
}

function oneLine(text: string): string {
    return text.replace(/\s+/g, ' ').trim();
}
