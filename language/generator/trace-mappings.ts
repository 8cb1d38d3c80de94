import type { TraceRegion } from 'langium/generate';
import type { SourceRange } from '../model/source-range.js';

/**
 * Reading Langium's trace of a generated file: which spec range a generated
 * offset comes from, and a flat list of mappings for `--trace` files (a tool
 * needs no Langium to read them).
 */
export interface TraceMapping {
    /** Offsets in the generated file, end exclusive. */
    readonly generated: { readonly offset: number; readonly end: number };
    readonly source: { readonly uri: string | undefined; readonly offset: number; readonly end: number; readonly range: SourceRange | undefined };
}

/** Every traced region, outermost first, in generated-file order. */
export function traceMappings(trace: TraceRegion): TraceMapping[] {
    const mappings: TraceMapping[] = [];
    const visit = (region: TraceRegion): void => {
        if (region.sourceRegion) {
            const source = region.sourceRegion;
            mappings.push({
                generated: { offset: region.targetRegion.offset, end: region.targetRegion.end },
                source: { uri: source.fileURI, offset: source.offset, end: source.end, range: source.range },
            });
        }
        region.children?.forEach(visit);
    };
    visit(trace);
    return mappings;
}

/** The spec range the innermost traced region around `offset` comes from. */
export function sourceAt(trace: TraceRegion, offset: number): TraceMapping['source'] | undefined {
    let found: TraceMapping['source'] | undefined;
    const visit = (region: TraceRegion): void => {
        if (offset < region.targetRegion.offset || offset >= region.targetRegion.end) return;
        if (region.sourceRegion) {
            const source = region.sourceRegion;
            found = { uri: source.fileURI, offset: source.offset, end: source.end, range: source.range };
        }
        region.children?.forEach(visit);
    };
    visit(trace);
    return found;
}
