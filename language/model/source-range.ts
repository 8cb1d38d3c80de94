/**
 * Positions in a source text, zero-based like LSP's, but declared here so that
 * the model and the analysis depend on no editor protocol.
 */
export interface SourcePosition {
    readonly line: number;
    readonly character: number;
}

export interface SourceRange {
    readonly start: SourcePosition;
    readonly end: SourcePosition;
}

export const EMPTY_RANGE: SourceRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
