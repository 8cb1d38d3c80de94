/**
 * `// expect: code[, code...]` at the end of a line: the diagnostics that line
 * must carry, as a multiset of codes (language.md, "expect: comments").
 */
const EXPECT = /\/\/\s*expect:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)\s*$/;

/** Line number (1-based) → sorted expected codes, for every line that has an expect comment. */
export function readExpectations(text: string): Map<number, string[]> {
    const expected = new Map<number, string[]>();
    text.split(/\r?\n/).forEach((line, i) => {
        const match = EXPECT.exec(line);
        if (match) expected.set(i + 1, match[1].split(',').map(code => code.trim()).sort());
    });
    return expected;
}

/** Line → sorted codes actually reported. */
export function groupByLine(diagnostics: ReadonlyArray<{ line: number; code: string }>): Map<number, string[]> {
    const actual = new Map<number, string[]>();
    for (const d of diagnostics) {
        const codes = actual.get(d.line) ?? [];
        codes.push(d.code);
        actual.set(d.line, codes);
    }
    for (const codes of actual.values()) codes.sort();
    return actual;
}

/** Human-readable differences between expected and actual, one entry per line that differs. */
export function compareExpectations(expected: Map<number, string[]>, actual: Map<number, string[]>): string[] {
    const lines = [...new Set([...expected.keys(), ...actual.keys()])].sort((a, b) => a - b);
    const differences: string[] = [];
    for (const line of lines) {
        const want = (expected.get(line) ?? []).join(', ');
        const got = (actual.get(line) ?? []).join(', ');
        if (want !== got) differences.push(`line ${line}: expected [${want}], got [${got}]`);
    }
    return differences;
}
