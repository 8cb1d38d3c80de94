/**
 * Texts the stdio tests open. TABLES is the documented pair of tables in
 * the layout of the examples, arrows aligned (what formatting produces); HASTY is a client with
 * three mistakes, each on a path of its own, marked as in the examples.
 */
export const TABLES = `// The documented pair of tables.
protocol AsyncCall "Asynchronous call state for RPC calls"

client Caller {
  initial state C "Make the call" {
    call
    on success   -> WComp
    on exception -> End
    on fail      -> Can
  }

  state Can "Cancel the call" {
    invoke RpcAsyncCancelCall
    -> WComp
  }

  state WComp "Wait for completion" {
    await RpcCallComplete
    -> Comp
  }

  state Comp "Completion" {
    invoke RpcAsyncCompleteCall
    -> End
  }

  end state End
}

server Manager {
  initial state D "Dispatch" {
    dispatch
    -> Comp
    on fatal raise -> End
    on graceful    -> A
  }

  state A "Abort the call" {
    invoke RpcAsyncAbortCall
    -> End
  }

  state Comp "Completion" {
    invoke RpcAsyncCompleteCall
    -> End
  }

  end state End
}
`;

export const HASTY = `protocol ClientOrder

client Hasty {
  initial state C "Make the call" {
    call
    on success   -> Pick
    on exception -> Can
  }

  state Can "Cancel a call that failed" {
    invoke RpcAsyncCancelCall           // expect: no-outstanding-call
    -> End
  }

  state Pick "Choose a way to finish" {
    on rush -> Comp
    on wait -> WComp
  }

  state Comp "Complete without waiting" {
    invoke RpcAsyncCompleteCall         // expect: complete-before-notification
    -> End
  }

  state WComp "Wait for completion" {
    await RpcCallComplete
    -> Fin
  }

  state Fin "Completion" {
    invoke RpcAsyncCompleteCall
    -> Again
  }

  state Again "Cancel after the end" {
    invoke RpcAsyncCancelCall           // expect: after-completion
    -> End
  }

  end state End
}
`;

/** Zero-based position of the n-th whole-word occurrence of `word` in `text`, `into` characters in. */
export function positionOf(text: string, word: string, n = 0, into = 1): { line: number; character: number } {
    const pattern = new RegExp(`(?<![\\w])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`, 'g');
    let match: RegExpExecArray | null = null;
    for (let i = 0; i <= n; i++) match = pattern.exec(text);
    if (!match) throw new Error(`no occurrence ${n} of ${word}`);
    const before = text.slice(0, match.index + into).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
}

/** Line (0-based) of the n-th occurrence of `word`. */
export function lineOf(text: string, word: string, n = 0): number {
    return positionOf(text, word, n).line;
}
