// What goes into the .vsix: the rules (scripts/vsix-contents.mjs) and what
// vsce would package from this checkout under .vscodeignore. The packaged
// zip itself is audited by `npm run package` (scripts/package-vsix.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_VSIX_BYTES, REQUIRED_FILES, vsixProblems } from '../../scripts/vsix-contents.mjs';

const root = join(import.meta.dirname, '..', '..');
const inside = (files: readonly string[]) => ['[Content_Types].xml', 'extension.vsixmanifest', ...files.map(f => `extension/${f}`)];

describe('vsix contents rules', () => {
    it('accept exactly the required files', () => {
        expect(vsixProblems(inside(REQUIRED_FILES), 300_000)).toEqual([]);
    });

    it('reject node_modules, sourcemaps, sources, missing files and a package over 2 MB', () => {
        const problems = vsixProblems(
            inside([...REQUIRED_FILES.filter(f => f !== 'out/server.cjs'), 'node_modules/langium/package.json', 'out/extension.cjs.map', 'client/extension.ts']),
            MAX_VSIX_BYTES + 1,
        );
        expect(problems).toEqual([
            'node_modules must not be packaged: node_modules/langium/package.json',
            'sourcemaps must not be packaged: out/extension.cjs.map',
            'not an extension file (add it to .vscodeignore\'s list and REQUIRED_FILES, or leave it out): client/extension.ts',
            'missing out/server.cjs',
            `the vsix is ${MAX_VSIX_BYTES + 1} bytes, over the ${MAX_VSIX_BYTES} byte limit`,
        ]);
    });
});

describe.skipIf(!existsSync(join(root, 'out', 'server.cjs')))('what vsce packages from this checkout', () => {
    it('is exactly the required files (.vscodeignore keeps everything else out)', () => {
        const vsce = join(dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
        const listed = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', timeout: 60_000 })
            .split('\n')
            .map(l => l.trim())
            .filter(Boolean);
        // `vsce ls` names LICENSE as it is, and the repository's README.md whatever .vscodeignore says;
        // packaging renames them (LICENSE.txt, readme.md) and takes the README from client/README.md.
        const expected = REQUIRED_FILES.filter(f => !['readme.md', 'LICENSE.txt'].includes(f))
            .concat('LICENSE', ...(existsSync(join(root, 'README.md')) ? ['README.md'] : []));
        expect(listed.sort()).toEqual([...expected].sort());
    }, 60_000);
});
