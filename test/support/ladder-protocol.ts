/**
 * A client and a server of `n` two-way decision states each, so that their
 * joint space has about n² points: the client calls, decides n times, then
 * waits for the notification; the server dispatches, decides n times, then
 * completes (`clean`), or waits for a cancel the client never sends.
 */
export function ladderProtocol(n: number, variant: 'clean' | 'waits-for-cancel'): string {
    const lines = ['protocol Ladder', '', 'client Climber {', '  initial state C {', '    call Step', '    on success   -> P0', '    on exception -> End', '  }'];
    for (let i = 0; i < n; i++) lines.push(`  state P${i} {`, `    on left  -> ${i + 1 < n ? `P${i + 1}` : 'WComp'}`, `    on right -> ${i + 1 < n ? `P${i + 1}` : 'WComp'}`, '  }');
    lines.push('  state WComp {', '    await RpcCallComplete', '    -> Comp', '  }', '  state Comp {', '    invoke RpcAsyncCompleteCall', '    -> End', '  }', '  end state End', '}', '');
    lines.push('server Rungs {', '  initial state D {', '    dispatch Step', '    -> Q0', '  }');
    const last = variant === 'clean' ? 'Comp' : 'Hold';
    for (let i = 0; i < n; i++) lines.push(`  state Q${i} {`, `    on left  -> ${i + 1 < n ? `Q${i + 1}` : last}`, `    on right -> ${i + 1 < n ? `Q${i + 1}` : last}`, '  }');
    if (variant === 'waits-for-cancel') lines.push('  state Hold {', '    await RpcClientCancel', '    -> A', '  }', '  state A {', '    invoke RpcAsyncAbortCall', '    -> End', '  }');
    else lines.push('  state Comp {', '    invoke RpcAsyncCompleteCall', '    -> End', '  }');
    lines.push('  end state End', '}', '');
    return lines.join('\n');
}
