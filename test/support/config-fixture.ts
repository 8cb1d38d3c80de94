/**
 * A protocol with exactly three findings, one per line, for the tests that
 * turn one of them off or suppress it (CLI and language server alike):
 * line 4 `unhandled-outcome` (warning), line 9 `unreachable-state`
 * (warning), line 15 `missing-completion` (error). Lines are 1-based.
 */
export const THREE_FINDINGS = `protocol P
client C {
  initial state A {
    call
    on success -> W
  }
  state W { await RpcCallComplete -> Comp }
  state Comp { invoke RpcAsyncCompleteCall -> End }
  state Spare { -> End }
  end state End
}
server S {
  initial state D {
    dispatch
    -> End
  }
  end state End
}
`;

export const THREE_CODES = ['missing-completion', 'unhandled-outcome', 'unreachable-state'];

/** The fixture with a suppression comment inserted above 1-based `line`. */
export function withSuppressionAbove(line: number, comment: string): string {
    const lines = THREE_FINDINGS.split('\n');
    const indent = /^\s*/.exec(lines[line - 1])![0];
    lines.splice(line - 1, 0, `${indent}${comment}`);
    return lines.join('\n');
}
