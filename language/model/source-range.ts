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

/** Negative, zero or positive as `a` comes before, at or after `b`. */
export function comparePositions(a: SourcePosition, b: SourcePosition): number {
    return a.line - b.line || a.character - b.character;
}

export function samePosition(a: SourcePosition, b: SourcePosition): boolean {
    return a.line === b.line && a.character === b.character;
}

export function sameRange(a: SourceRange, b: SourceRange): boolean {
    return samePosition(a.start, b.start) && samePosition(a.end, b.end);
}

/** Both ends inclusive: a cursor right after the last character is still inside. */
export function rangeContainsPosition(range: SourceRange, position: SourcePosition): boolean {
    return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

export function rangeContainsRange(outer: SourceRange, inner: SourceRange): boolean {
    return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

/** Touching ranges overlap (both ends inclusive). */
export function rangesOverlap(a: SourceRange, b: SourceRange): boolean {
    return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}
