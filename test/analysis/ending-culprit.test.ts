import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { actionLabel } from '../../language/analysis/action-labels.js';
import { lookupCatalog } from '../../language/analysis/catalog.js';
import type { Finding } from '../../language/analysis/finding.js';
import type { ActionModel, EffectModel, MachineModel, ProtocolModel } from '../../language/model/machine-model.js';
import { sameRange } from '../../language/model/source-range.js';
import type { Protocol } from '../../language/generated/ast.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { HAS_SHARED, OWN_CASES, OWN_EXAMPLES, SHARED_EXAMPLES } from '../support/paths.js';

/**
 * `after-completion` and `double-completion` say which step ended the call
 * ("RpcAsyncAbortCall in C ended it"). Checked here against the reported path
 * itself, independently of the exploration: the step named must be the last
 * action or effect on the path that can end a call (one the catalog lets move
 * the call to `closed` or `finished`), counting the offending effect's own
 * state action. test/cases/messages/ holds the cases that once named the wrong
 * one, each with the `// message:` text its finding must contain.
 */
const services = createRpcstateServices(EmptyFileSystem);

function rpcstateFiles(folder: string): string[] {
    return (readdirSync(folder, { recursive: true }) as string[]).filter(name => name.endsWith('.rpcstate')).map(name => join(folder, name)).sort();
}

function analyze(path: string): { model: ProtocolModel; findings: readonly Finding[] } {
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(readFileSync(path, 'utf8'), URI.file(path));
    const { model, analysis } = services.Rpcstate.analysis.ProtocolAnalyzer.analyze(document.parseResult.value as Protocol);
    return { model, findings: analysis.findings };
}

function endsCalls(use: ActionModel | EffectModel, machine: MachineModel): boolean {
    const rule = lookupCatalog(use.kind, use.name)?.rules[machine.side];
    return Object.values(rule?.legal ?? {}).some(after => after === 'closed' || after === 'finished');
}

/** The last step on the finding's path that can end a call, as messages name it. */
function lastEndingStep(model: ProtocolModel, finding: Finding): string | undefined {
    const machine = model.machines.find(m => m.name === finding.machine)!;
    let last: string | undefined;
    const steps = finding.path ?? [];
    steps.forEach((step, i) => {
        for (const state of machine.states) {
            for (const transition of state.transitions) {
                const final = i === steps.length - 1;
                if (!final && sameRange(transition.range, step.range)) {
                    if (state.action && endsCalls(state.action, machine)) last = `${actionLabel(state.action)} in ${state.name}`;
                    if (transition.effect && endsCalls(transition.effect, machine)) last = `${actionLabel(transition.effect)} on the way out of ${state.name}`;
                }
                // The offending element is an effect: its state's own action came first.
                if (final && transition.effect && sameRange(transition.effect.range, step.range) && state.action && endsCalls(state.action, machine)) {
                    last = `${actionLabel(state.action)} in ${state.name}`;
                }
            }
        }
    });
    return last;
}

const folders = [...(HAS_SHARED ? [SHARED_EXAMPLES] : []), OWN_EXAMPLES, OWN_CASES];

describe('messages credit the step that ended the call', () => {
    it('on every path of every example and case, the step named is the last one that can end a call', () => {
        let checked = 0;
        for (const file of folders.flatMap(rpcstateFiles)) {
            const { model, findings } = analyze(file);
            for (const finding of findings) {
                if (finding.code !== 'after-completion' && finding.code !== 'double-completion') continue;
                const named = /, ([^,:]+) ended it\./.exec(finding.message)?.[1];
                if (named === 'an earlier step') continue; // the ending step lies in the part of a long path not listed
                expect(named, `${file}: ${finding.message}`).toBe(lastEndingStep(model, finding));
                checked++;
            }
        }
        expect(checked).toBeGreaterThanOrEqual(2);
    });

    it('the regression cases say what their `// message:` comment says', () => {
        const files = rpcstateFiles(join(OWN_CASES, 'messages'));
        expect(files.length).toBeGreaterThan(0);
        for (const file of files) {
            const wanted = [...readFileSync(file, 'utf8').matchAll(/^\/\/ message: (.+)$/gm)].map(m => m[1]);
            expect(wanted.length, file).toBeGreaterThan(0);
            const messages = analyze(file).findings.map(f => f.message);
            for (const text of wanted) expect(messages.some(m => m.includes(text)), `${file}: ${text}\n${messages.join('\n')}`).toBe(true);
        }
    });
});
