import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem } from 'langium';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSources } from '../../language/pipeline/check-files.js';
import type { FileReport } from '../../language/pipeline/check-report.js';
import { DIAGNOSTIC_CODES } from '../../language/analysis/diagnostic-codes.js';
import { analysisOptionsModule, createRpcstateServices } from '../../language/rpcstate-module.js';
import { compareExpectations, groupByLine, readExpectations } from '../support/expect-comments.js';
import { REPO_ROOT } from '../support/paths.js';

/**
 * docs/diagnostics.md is where every diagnostic links (codeDescription,
 * SARIF helpUri). Each code has a section whose heading is the code (the
 * anchor), with a wrong example that the checker reports exactly as its
 * expect comments say, including that code, and a fixed example without
 * any error. The examples go through the CLI's own checking path.
 */
const DOC = readFileSync(join(REPO_ROOT, 'docs', 'diagnostics.md'), 'utf8');

interface Section {
    readonly code: string;
    readonly wrong?: string;
    readonly fixed?: string;
    /** `**Wrong** (checked with \`--composition-budget N\`)`: the wrong example is checked with that budget. */
    readonly wrongBudget?: number;
}

function sections(markdown: string): Map<string, Section> {
    const result = new Map<string, Section>();
    const parts = markdown.split(/^## /m).slice(1);
    for (const part of parts) {
        const code = part.slice(0, part.indexOf('\n')).trim();
        const example = (label: string) => new RegExp(`\\*\\*${label}\\*\\*[^\\n]*\\n\\n\`\`\`rpcstate\\n([\\s\\S]*?)\`\`\``).exec(part)?.[1];
        const budget = /\*\*Wrong\*\* \(checked with `--composition-budget (\d+)`\)/.exec(part)?.[1];
        result.set(code, { code, wrong: example('Wrong'), fixed: example('Fixed'), ...(budget ? { wrongBudget: Number(budget) } : {}) });
    }
    return result;
}

const SECTIONS = sections(DOC);
const CODES = [...DIAGNOSTIC_CODES.keys()];
let reports: Map<string, FileReport>;

beforeAll(async () => {
    const services = createRpcstateServices(EmptyFileSystem);
    const sources = [...SECTIONS.values()].flatMap(s => [
        ...(s.wrong && s.wrongBudget === undefined ? [{ path: `${s.code}-wrong.rpcstate`, text: s.wrong }] : []),
        ...(s.fixed ? [{ path: `${s.code}-fixed.rpcstate`, text: s.fixed }] : []),
    ]);
    const report = await checkSources(services, sources);
    reports = new Map(report.files.map(file => [file.path, file]));
    for (const s of SECTIONS.values()) {
        if (s.wrong === undefined || s.wrongBudget === undefined) continue;
        const budgeted = createRpcstateServices(EmptyFileSystem, analysisOptionsModule({ compositionBudget: s.wrongBudget }));
        for (const file of (await checkSources(budgeted, [{ path: `${s.code}-wrong.rpcstate`, text: s.wrong }])).files) reports.set(file.path, file);
    }
});

describe('docs/diagnostics.md', () => {
    it('has one section per diagnostic code, in the order of the table, and no other', () => {
        expect([...SECTIONS.keys()]).toEqual(CODES);
    });

    it('links every code from its table of contents', () => {
        for (const code of CODES) expect(DOC, code).toContain(`[${code}](#${code})`);
    });

    for (const code of CODES) {
        describe(code, () => {
            it('has a wrong and a fixed example', () => {
                expect(SECTIONS.get(code)?.wrong, 'a **Wrong** rpcstate block').toBeDefined();
                expect(SECTIONS.get(code)?.fixed, 'a **Fixed** rpcstate block').toBeDefined();
            });

            it('its wrong example yields the code, exactly as its expect comments say', () => {
                const { wrong } = SECTIONS.get(code)!;
                const diagnostics = reports.get(`${code}-wrong.rpcstate`)?.diagnostics ?? [];
                expect(diagnostics.map(d => d.code)).toContain(code);
                expect(compareExpectations(readExpectations(wrong!), groupByLine(diagnostics))).toEqual([]);
            });

            it('its fixed example yields no error', () => {
                const diagnostics = reports.get(`${code}-fixed.rpcstate`)?.diagnostics ?? [];
                expect(diagnostics.filter(d => d.severity === 'error').map(d => `${d.line}: ${d.code}: ${d.message}`)).toEqual([]);
                expect(diagnostics.map(d => d.code), 'nor the code as a warning').not.toContain(code);
            });
        });
    }
});
