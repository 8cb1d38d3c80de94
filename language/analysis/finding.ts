import type { SourceRange } from '../model/source-range.js';
import { comparePositions } from '../model/source-range.js';
import type { DiagnosticCode, Severity } from './diagnostic-codes.js';
import { codeInfo, compareCodes } from './diagnostic-codes.js';

/** One step of an offending path, pointing at the transition taken (or, last, at the offending element). */
export interface PathStep {
    readonly message: string;
    readonly range: SourceRange;
    /** The machine that takes the step, in an interleaving of client and server (absent on a one-machine path). */
    readonly machine?: string;
}

/** What the analysis reports: plain data, turned into LSP diagnostics or CLI output by adapters. */
export interface Finding {
    readonly code: DiagnosticCode;
    readonly severity: Severity;
    readonly message: string;
    readonly range: SourceRange;
    /** The machine the finding belongs to, when it belongs to one. */
    readonly machine?: string;
    /** A shortest path from the initial state to the offending element, for path checks. */
    readonly path?: readonly PathStep[];
}

export function finding(code: DiagnosticCode, message: string, range: SourceRange, extra: { machine?: string; path?: readonly PathStep[] } = {}): Finding {
    return { code, severity: codeInfo(code).severity, message, range, ...extra };
}

export function compareFindings(a: Finding, b: Finding): number {
    return comparePositions(a.range.start, b.range.start) || compareCodes(a.code, b.code);
}
