/**
 * A ladder pair for the composition bench: a client and a server of N
 * two-way decision states each, so that the joint space is about N² points
 * (the client climbs its ladder while the server climbs its own). `clean`:
 * the server completes the call; `waits`: the server ends its ladder waiting
 * for a cancel the client never sends, so both the client's await and the
 * server's wait are deadlocks.
 */
export function ladderProtocol(n: number, variant: 'clean' | 'waits'): string {
    const lines: string[] = [`protocol Ladder${n}${variant === 'clean' ? 'Clean' : 'Waits'}`, '', 'client Climber {'];
    lines.push('  initial state C {', '    call Compute', '    on success   -> L0', '    on exception -> End', '  }', '');
    for (let i = 0; i < n; i++) {
        const next = i + 1 < n ? `L${i + 1}` : 'WComp';
        lines.push(`  state L${i} {`, `    on left  -> ${next}`, `    on right -> ${next}`, '  }', '');
    }
    lines.push('  state WComp {', '    await RpcCallComplete', '    -> Comp', '  }', '');
    lines.push('  state Comp {', '    invoke RpcAsyncCompleteCall', '    -> End', '  }', '', '  end state End', '}', '');
    lines.push('server Worker {', '  initial state D {', '    dispatch Compute', '    -> M0', '  }', '');
    for (let i = 0; i < n; i++) {
        const next = i + 1 < n ? `M${i + 1}` : variant === 'clean' ? 'Comp' : 'Hold';
        lines.push(`  state M${i} {`, `    on left  -> ${next}`, `    on right -> ${next}`, '  }', '');
    }
    if (variant === 'waits') lines.push('  state Hold {', '    await RpcClientCancel', '    -> Comp', '  }', '');
    lines.push('  state Comp {', '    invoke RpcAsyncCompleteCall', '    -> End', '  }', '', '  end state End', '}', '');
    return lines.join('\n');
}
