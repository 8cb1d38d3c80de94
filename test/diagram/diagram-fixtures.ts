import { EmptyFileSystem, URI } from 'langium';
import type { DiagramModel } from '../../language/diagram/diagram-model.js';
import type { DiagramLayout } from '../../language/diagram/elk-layout.js';
import { layoutDiagram } from '../../language/diagram/elk-layout.js';
import { documentDiagram } from '../../language/pipeline/document-diagram.js';
import type { CompositionReport } from '../../language/analysis/composition/composition-report.js';
import { documentComposition } from '../../language/pipeline/document-composition.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';

const services = createRpcstateServices(EmptyFileSystem);
let counter = 0;

/** The diagram of a text, built as `rpcstate diagram` builds it (parse, validate, analyse, diagram). */
export async function diagramOfText(text: string): Promise<DiagramModel> {
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/diagram-test/${counter++}.rpcstate`));
    return documentDiagram(document, services.Rpcstate.analysis.ProtocolAnalyzer).diagram;
}

/** The client × server check of a text as plain data, as `rpcstate diagram --interleaving` gets it. */
export function compositionOfText(text: string): CompositionReport | undefined {
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/diagram-test/${counter++}.rpcstate`));
    return documentComposition(document, services.Rpcstate.analysis.ProtocolAnalyzer);
}

export async function laidOut(text: string): Promise<{ diagram: DiagramModel; layout: DiagramLayout }> {
    const diagram = await diagramOfText(text);
    return { diagram, layout: await layoutDiagram(diagram) };
}

/** Markup in every place the syntax lets a user put free text (descriptions; names are identifiers). */
export const PAYLOADS = {
    script: '<script>window.__pwned=1</script>',
    img: '<img src=x onerror="window.__pwned=2">',
    closeSvg: '</svg><script>window.__pwned=3</script>',
    entities: `]]> & &amp; 'single' --> %% #35; \\N`,
} as const;

/** A spec string literal holding `text` (quotes and backslashes escaped as the grammar's STRING wants). */
function literal(text: string): string {
    return `"${text.replace(/[\\"]/g, ch => `\\${ch}`)}"`;
}

export const HOSTILE_SPEC = `protocol Hostile ${literal(PAYLOADS.closeSvg)}

client Caller {
  initial state C ${literal(PAYLOADS.script)} {
    call
    on success -> W
    on exception -> End
  }
  state W ${literal(PAYLOADS.img)} {
    await RpcCallComplete
    -> P
  }
  state P ${literal(PAYLOADS.entities)} {
    invoke RpcAsyncCompleteCall
    -> End
  }
  state Stray "line one\\nline two\\0 nul" {
    -> End
  }
  end state End ${literal(PAYLOADS.closeSvg)}
}
`;
