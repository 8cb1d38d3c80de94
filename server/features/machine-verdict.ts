import type { AnalyzedMachine } from './machine-analysis.js';

function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * One line on the state of a machine, for its code lens and its hover:
 * `4 states · End reachable · 0 findings`, or why the path checks did not run.
 */
export function machineVerdict({ analysis, findings }: AnalyzedMachine): string {
    const { machine } = analysis;
    if (!analysis.pathChecked) {
        if (machine.incomplete) return 'not checked: fix the syntax error first';
        const errors = findings.filter(f => f.severity === 'error').length;
        return `not checked: ${plural(errors, 'structural error')}`;
    }
    const end = machine.states.find(state => state.end);
    const endName = end?.name ?? 'End';
    const reachable = !findings.some(f => f.code === 'end-unreachable');
    const errors = findings.filter(f => f.severity === 'error').length;
    const warnings = findings.length - errors;
    const counts = findings.length === 0 ? '0 findings' : [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
    return `${plural(machine.states.length, 'state')} · ${endName} ${reachable ? 'reachable' : 'unreachable'} · ${counts}`;
}
