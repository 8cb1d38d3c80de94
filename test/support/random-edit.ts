import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * The random edits of the stdio fuzzer (test/lsp-stdio/random-edits.test.ts)
 * and of the long-session bench (scripts/bench/measure-long-session.ts):
 * tokens of the language, garbage, unbalanced braces and quotes, and
 * deletions across lines. Deterministic for a given random source.
 */
export const FUZZ_TOKENS = [
    'state', 'initial', 'end', 'client', 'server', 'protocol', 'on', 'call', 'dispatch', 'await', 'invoke', 'raise', '->', '-', '>',
    '{', '}', '{ }', '"', '"text"', '/*', '*/', '//', '\n', '\n\n', ' ', '\t', 'End', 'WComp', 'Comp', 'Nowhere', 'exception', 'pending',
    'RpcAsyncCompleteCall', 'RpcCallComplete', 'RpcAsyncAbortCall', 'state X {', 'end state End', '-> End', 'on success -> ',
    '\u00e9', '\u{1F600}', '\\', '@', '#', '\r\n', '\u0000', '0123', '_',
];

export interface TextChange {
    readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
    readonly text: string;
}

/** One random change of `document`'s text (a third of them deletions, so the text neither vanishes nor balloons). */
export function randomEdit(random: () => number, document: TextDocument): TextChange {
    const length = document.getText().length;
    const start = Math.floor(random() * (length + 1));
    const deleting = random() < 0.33;
    const end = deleting ? Math.min(length, start + 1 + Math.floor(random() * 24)) : start;
    let text = deleting ? '' : FUZZ_TOKENS[Math.floor(random() * FUZZ_TOKENS.length)];
    if (!deleting && random() < 0.1) text = String.fromCharCode(...Array.from({ length: 1 + Math.floor(random() * 8) }, () => 32 + Math.floor(random() * 95)));
    return { range: { start: document.positionAt(start), end: document.positionAt(end) }, text };
}
