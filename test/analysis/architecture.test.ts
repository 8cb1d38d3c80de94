import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

/** The invariants of ARCHITECTURE.md that a grep can enforce. */
function importsOf(folder: string): Array<{ file: string; specifier: string }> {
    const result: Array<{ file: string; specifier: string }> = [];
    for (const name of readdirSync(folder, { recursive: true }) as string[]) {
        if (!name.endsWith('.ts')) continue;
        const text = readFileSync(join(folder, name), 'utf8');
        for (const match of text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)) result.push({ file: name, specifier: match[1] });
    }
    return result;
}

describe('architecture invariants', () => {
    it('the analysis and the plain model import neither Langium, LSP nor the AST', () => {
        const offending = [...importsOf(join(REPO_ROOT, 'language', 'analysis')), ...importsOf(join(REPO_ROOT, 'language', 'model'))]
            .filter(({ file }) => file !== 'model-builder.ts')
            .filter(({ specifier }) => /langium|vscode|generated/.test(specifier));
        expect(offending).toEqual([]);
    });

    it('the diagram model, layout and writers import neither Langium, LSP nor the AST', () => {
        const offending = importsOf(join(REPO_ROOT, 'language', 'diagram')).filter(({ specifier }) => /langium|vscode|generated/.test(specifier));
        expect(offending).toEqual([]);
    });

    it('nothing under language/ imports vscode', () => {
        const offending = importsOf(join(REPO_ROOT, 'language')).filter(({ specifier }) => specifier === 'vscode');
        expect(offending).toEqual([]);
    });
});
