import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

interface Import {
    /** The importing file, relative to the repository root, with `/`. */
    readonly file: string;
    readonly specifier: string;
    /** A relative specifier resolved to a path relative to the repository root; undefined for packages. */
    readonly target?: string;
    readonly typeOnly: boolean;
}

/** The invariants of ARCHITECTURE.md that reading the import lines can enforce. */
function importsOf(folder: string): Import[] {
    const result: Import[] = [];
    const root = join(REPO_ROOT, folder);
    for (const name of readdirSync(root, { recursive: true }) as string[]) {
        if (!name.endsWith('.ts') || name.split(/[\\/]/).includes('generated')) continue;
        const path = join(root, name);
        const file = relative(REPO_ROOT, path).split('\\').join('/');
        const text = readFileSync(path, 'utf8');
        for (const match of text.matchAll(/^\s*(import|export)(\s+type)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
            const specifier = match[3];
            const target = specifier.startsWith('.') ? relative(REPO_ROOT, resolve(dirname(path), specifier)).split('\\').join('/') : undefined;
            result.push({ file, specifier, target, typeOnly: match[2] !== undefined });
        }
    }
    return result;
}

const into = (folder: string) => (i: Import) => i.target !== undefined && (i.target === folder || i.target.startsWith(`${folder}/`));
const show = (i: Import) => `${i.file} imports ${i.specifier}`;

describe('architecture invariants', () => {
    it('the analysis and the plain model import neither Langium, LSP nor the AST', () => {
        const offending = [...importsOf('language/analysis'), ...importsOf('language/model')]
            .filter(({ file }) => file !== 'language/model/model-builder.ts')
            .filter(({ specifier }) => /langium|vscode|generated/.test(specifier));
        expect(offending.map(show)).toEqual([]);
    });

    it('the diagram model, layout and writers import neither Langium, LSP nor the AST', () => {
        const offending = importsOf('language/diagram').filter(({ specifier }) => /langium|vscode|generated/.test(specifier));
        expect(offending.map(show)).toEqual([]);
    });

    it('the diagram reads reachability and phases from the analysis: it runs no graph search of its own', () => {
        const offending = importsOf('language/diagram').filter(i => !i.typeOnly && /\/(machine-graph|reachability|phase-analysis)\.js$/.test(i.specifier));
        expect(offending.map(show)).toEqual([]);
    });

    it('language/ and cli/ never call Intl: its first use loads ICU\'s data, about 17 ms of every rpcstate start', () => {
        const offending = ['language', 'cli']
            .flatMap(folder => readdirSync(join(REPO_ROOT, folder), { recursive: true }).map(name => `${folder}/${String(name).split('\\').join('/')}`))
            .filter(file => file.endsWith('.ts') && !file.includes('/generated/'))
            .flatMap(file => readFileSync(join(REPO_ROOT, file), 'utf8').split('\n').map((line, i) => ({ file, line: i + 1, text: line })))
            .filter(({ text }) => !/^\s*(\*|\/\/|\/\*)/.test(text) && /\.(toLocaleString|toLocaleDateString|toLocaleTimeString|localeCompare)\(|\bIntl\./.test(text))
            .map(({ file, line, text }) => `${file}:${line}: ${text.trim()}`);
        expect(offending).toEqual([]);
    });

    it('one function turns a document into a diagram model: documentDiagram is the only caller of buildDiagramModel', () => {
        const callers = ['language', 'server', 'cli', 'client', 'scripts', 'test']
            .flatMap(folder => readdirSync(join(REPO_ROOT, folder), { recursive: true }).map(name => `${folder}/${String(name).split('\\').join('/')}`))
            .filter(file => /\.(ts|mjs)$/.test(file) && !file.includes('/generated/') && !file.includes('node_modules'))
            .filter(file => /\bbuildDiagramModel\s*\(/.test(readFileSync(join(REPO_ROOT, file), 'utf8')));
        expect(callers.sort()).toEqual(['language/diagram/diagram-model.ts', 'language/pipeline/document-diagram.ts']);
    });

    it('the generated code\'s runtime is a module for tsc only: it imports nothing, and the generator reads it as text', () => {
        expect(importsOf('language/generator/runtime').map(show)).toEqual([]);
        const readers = ['language', 'server', 'cli', 'client', 'test'].flatMap(importsOf).filter(into('language/generator/runtime'));
        expect(readers.map(show)).toEqual(['language/generator/machine-runtime-source.ts imports ./runtime/machine-runtime.ts?raw']);
    });

    it('nothing under language/ imports vscode, nor any host (server/, cli/, client/)', () => {
        const offending = importsOf('language').filter(i => i.specifier === 'vscode' || into('server')(i) || into('cli')(i) || into('client')(i));
        expect(offending.map(show)).toEqual([]);
    });

    it('the language server and the CLI are leaf hosts: neither imports the other', () => {
        const offending = [
            ...importsOf('server').filter(i => into('cli')(i) || into('client')(i)),
            ...importsOf('cli').filter(i => into('server')(i) || into('client')(i)),
        ];
        expect(offending.map(show)).toEqual([]);
    });

    it('the client reaches the server only through the import-free *-protocol.ts files, and never the CLI', () => {
        const offending = importsOf('client').filter(i => into('cli')(i) || (into('server')(i) && !/-protocol\.js$/.test(i.specifier)));
        expect(offending.map(show)).toEqual([]);
        const protocolImports = importsOf('server').filter(i => /-protocol\.ts$/.test(i.file) && !i.typeOnly);
        expect(protocolImports.map(show)).toEqual([]);
    });
});
