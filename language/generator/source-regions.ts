import type { SourceRegion } from 'langium/generate';
import type { SourceRange } from '../model/source-range.js';

/**
 * Turns the model's line/character ranges into the text regions Langium's
 * traced generation records (offsets and range, with the spec's URI), so the
 * generator traces from the plain model and never needs the AST.
 */
export interface SourceRegions {
    regionOf(range: SourceRange): SourceRegion | undefined;
}

/** No source text: generation still works, the trace is empty. */
export const NO_SOURCE_REGIONS: SourceRegions = { regionOf: () => undefined };

export function sourceRegionsOf(text: string, fileUri: string): SourceRegions {
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        // LSP positions count \r\n, \n and a lone \r as line ends.
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
    }
    const offsetOf = (line: number, character: number): number =>
        Math.min(text.length, (lineStarts[Math.min(line, lineStarts.length - 1)] ?? 0) + character);
    return {
        regionOf(range) {
            const offset = offsetOf(range.start.line, range.start.character);
            const end = offsetOf(range.end.line, range.end.character);
            return { fileURI: fileUri, offset, end, length: end - offset, range: { start: { ...range.start }, end: { ...range.end } } };
        },
    };
}
