import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the bench, without types
import { describeTargets, issueTargets } from '../../scripts/bench/issue-targets.mjs';

interface Target { target: string; met: boolean; withinNoise?: boolean; notMeasured?: boolean; absolute?: Target; ratio?: Target }

/** The bench report's summary of issue 12's targets, read off a report of known figures. */
describe('the bench report\'s targets', () => {
    const report = {
        core: [{ statesPerMachine: 50_000, coldCheckMs: { new: 1600, baseline: 4600, ratio: 0.35 }, coldPeakRssMiB: { new: 219, baseline: 552, ratio: 0.4 } }],
        lsp: [
            { statesPerMachine: 5000, editKind: 'description', editToDiagnosticsMedianMs: { new: 14, baseline: 150, ratio: 0.09 }, completionP95Ms: { new: 21 }, hoverP95Ms: { new: 12 }, definitionP95Ms: { new: 30 } },
            { statesPerMachine: 50_000, editKind: 'target', editToDiagnosticsMedianMs: { new: 99 } },
        ],
    };
    const targets = issueTargets(report) as Target[];
    const find = (text: string) => targets.find(t => t.target.includes(text))!;

    it('judges each figure against its limit, a ratio where there is a baseline', () => {
        expect(find('cold rpcstate check').absolute).toMatchObject({ met: false });
        expect(find('cold rpcstate check').ratio).toMatchObject({ met: true });
        expect(find('peak RSS')).toMatchObject({ met: true });
        expect(find('50k states per machine (target edit)')).toMatchObject({ met: true });
        expect(find('5k states per machine (description edit)')).toMatchObject({ met: true });
        expect(find('definition')).toMatchObject({ met: false });
        expect(find('definition').withinNoise).toBeUndefined();
    });

    it('tells a figure just over its limit (within the noise) from one not measured', () => {
        expect(find('completion')).toMatchObject({ met: false, withinNoise: true });
        expect(find('long session')).toMatchObject({ met: false, notMeasured: true });
        const text = describeTargets(targets) as string;
        expect(text).toContain('over, within the ±20% noise');
        expect(text).toContain('not measured in this run');
    });
});
