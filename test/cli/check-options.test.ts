// The options CI users expect of `rpcstate check`: --max-warnings, --quiet,
// standard input, globs, .rpcstateignore, and a note for every symbolic link
// and folder the search leaves out (issue 12: links to files are followed).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../support/spawn-cli.js';

const CLEAN = 'protocol P\nclient C {\n  initial state A {\n    call\n    on success -> W\n    on exception -> End\n  }\n  state W { await RpcCallComplete -> Comp }\n  state Comp { invoke RpcAsyncCompleteCall -> End }\n  end state End\n}\n';
const BROKEN = 'protocol P\nserver S {\n  initial state D {\n    dispatch\n    -> End\n  }\n  end state End\n}\n';
const WARNING_ONLY = CLEAN.replace('    on exception -> End\n', '');

let dir: string;
const at = (...parts: string[]) => join(dir, ...parts);
const lines = (text: string) => text.trim().split('\n').filter(Boolean);

beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rpcstate-check-options-'));
    mkdirSync(at('specs', 'nested'), { recursive: true });
    writeFileSync(at('specs', 'warning.rpcstate'), WARNING_ONLY);
    writeFileSync(at('specs', 'broken.rpcstate'), BROKEN);
    writeFileSync(at('specs', 'nested', 'clean.rpcstate'), CLEAN);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--max-warnings and --quiet', () => {
    it('--max-warnings 0 exits 1 on a file with only warnings, and says why', () => {
        const result = spawnCli(['check', '--max-warnings', '0', at('specs', 'warning.rpcstate')]);
        expect(result.status).toBe(1);
        expect(result.stdout).toContain('warning[unhandled-outcome]');
        expect(result.stderr).toBe('rpcstate: 1 warning, more than --max-warnings 0 allows\n');
        expect(spawnCli(['check', '--max-warnings', '1', at('specs', 'warning.rpcstate')]).status).toBe(0);
    });

    it('--max-warnings that is not a count is bad usage: one line, exit 2', () => {
        for (const value of ['-1', 'many', '1.5']) {
            const result = spawnCli(['check', '--max-warnings', value, at('specs', 'warning.rpcstate')]);
            expect(result.status, value).toBe(2);
            expect(lines(result.stderr), value).toHaveLength(1);
            expect(result.stdout).toBe('');
        }
    });

    it('--quiet reports errors only, but warnings still count for --max-warnings', () => {
        const quiet = spawnCli(['check', '--quiet', at('specs')]);
        expect(quiet.status).toBe(1);
        expect(quiet.stdout).toContain('error[missing-completion]');
        expect(quiet.stdout).not.toContain('warning[');
        expect(quiet.stdout).toContain('3 files checked: 1 error, 0 warnings');
        const counted = spawnCli(['check', '--quiet', '--max-warnings', '0', '--format', 'json', at('specs', 'warning.rpcstate')]);
        expect(counted.status).toBe(1);
        expect(JSON.parse(counted.stdout).files[0].diagnostics).toEqual([]);
    });
});

describe('standard input', () => {
    it('check - reads standard input, named by --stdin-filename', () => {
        const result = spawnCli(['check', '-', '--stdin-filename', 'specs/from-editor.rpcstate'], { input: BROKEN });
        expect(result.status).toBe(1);
        expect(result.stdout).toMatch(/^specs\/from-editor\.rpcstate:5:5: error\[missing-completion\]/m);
        const unnamed = spawnCli(['check', '-', '--format', 'json'], { input: CLEAN });
        expect(unnamed.status).toBe(0);
        expect(JSON.parse(unnamed.stdout).files).toEqual([{ path: '<stdin>', diagnostics: [] }]);
    });

    it('checks standard input beside files, and refuses binary input in one line', () => {
        const both = spawnCli(['check', at('specs', 'nested', 'clean.rpcstate'), '-'], { input: CLEAN });
        expect(both.stdout).toContain('2 files checked: 0 errors');
        const binary = spawnCli(['check', '-'], { input: Buffer.from([0x70, 0, 0x71]) });
        expect(binary.status).toBe(2);
        expect(lines(binary.stderr)).toEqual(['rpcstate: <stdin>: binary file (it contains NUL bytes), not an .rpcstate text']);
    });

    it('a file named on the command line is read as .rpcstate whatever its extension', () => {
        writeFileSync(at('notes.txt'), BROKEN);
        const result = spawnCli(['check', at('notes.txt')]);
        expect(result.status).toBe(1);
        expect(result.stdout).toContain(`${at('notes.txt')}:5:5: error[missing-completion]`);
    });

    it('--stdin-filename without - is bad usage, and nothing is read', () => {
        const result = spawnCli(['check', '--stdin-filename', 'x.rpcstate', at('specs')]);
        expect(result.status).toBe(2);
        expect(result.stdout).toBe('');
        expect(lines(result.stderr)).toEqual(['rpcstate: --stdin-filename names standard input: give - among the paths']);
    });
});

describe('globs', () => {
    it('expands a quoted glob the shell left alone, with the folder search\'s rules', () => {
        const deep = spawnCli(['check', '--format', 'json', `${at('specs')}/**/*.rpcstate`]);
        expect(JSON.parse(deep.stdout).files.map((f: { path: string }) => f.path)).toEqual([at('specs', 'broken.rpcstate'), at('specs', 'nested', 'clean.rpcstate'), at('specs', 'warning.rpcstate')]);
        const shallow = spawnCli(['check', '--format', 'json', `${at('specs')}/w*.rpcstate`]);
        expect(JSON.parse(shallow.stdout).files.map((f: { path: string }) => f.path)).toEqual([at('specs', 'warning.rpcstate')]);
    });

    it('a glob that matches nothing is an input error: one line, exit 2', () => {
        const result = spawnCli(['check', `${at('specs')}/*.nothing`]);
        expect(result.status).toBe(2);
        expect(lines(result.stderr)).toEqual([`rpcstate: ${at('specs')}/*.nothing: no .rpcstate file matches this pattern`]);
    });
});

describe('.rpcstateignore', () => {
    let project: string;
    beforeAll(() => {
        project = at('ignoring');
        mkdirSync(join(project, 'generated'), { recursive: true });
        mkdirSync(join(project, 'specs'));
        writeFileSync(join(project, '.rpcstateignore'), '# gitignore syntax\ngenerated/\n*.draft.rpcstate\n');
        writeFileSync(join(project, 'generated', 'old.rpcstate'), BROKEN);
        writeFileSync(join(project, 'specs', 'call.rpcstate'), CLEAN);
        writeFileSync(join(project, 'specs', 'idea.draft.rpcstate'), BROKEN);
    });

    it('leaves out what it names when searching a folder, also from a subfolder', () => {
        const result = spawnCli(['check', '--format', 'json', project]);
        expect(result.status).toBe(0);
        expect(JSON.parse(result.stdout).files.map((f: { path: string }) => f.path)).toEqual([join(project, 'specs', 'call.rpcstate')]);
        const fromBelow = spawnCli(['check', '--format', 'json', 'specs'], { cwd: project });
        expect(JSON.parse(fromBelow.stdout).files.map((f: { path: string }) => f.path)).toEqual([join('specs', 'call.rpcstate')]);
    });

    it('a file named on the command line but ignored is skipped with a note', () => {
        const result = spawnCli(['check', join(project, 'specs', 'idea.draft.rpcstate'), join(project, 'specs', 'call.rpcstate')]);
        expect(result.status).toBe(0);
        expect(result.stderr).toBe(`rpcstate: note: skipped ${join(project, 'specs', 'idea.draft.rpcstate')}: ignored by ${join(project, '.rpcstateignore')}\n`);
        expect(result.stdout).toContain('1 file checked');
    });
});

describe('symbolic links and skipped folders (a note for each)', () => {
    let root: string;
    beforeAll(() => {
        root = at('links');
        mkdirSync(join(root, 'only-link'), { recursive: true });
        mkdirSync(join(root, 'mixed', '.hidden'), { recursive: true });
        mkdirSync(join(root, 'elsewhere'));
        writeFileSync(join(root, 'elsewhere', 'real.rpcstate'), BROKEN);
        symlinkSync(join(root, 'elsewhere', 'real.rpcstate'), join(root, 'only-link', 'linked.rpcstate'));
        writeFileSync(join(root, 'mixed', 'plain.rpcstate'), CLEAN);
        writeFileSync(join(root, 'mixed', '.hidden', 'secret.rpcstate'), BROKEN);
        symlinkSync(join(root, 'elsewhere', 'real.rpcstate'), join(root, 'mixed', 'linked.rpcstate'));
        symlinkSync(join(root, 'mixed', 'plain.rpcstate'), join(root, 'mixed', 'same-as-plain.rpcstate'));
        symlinkSync(join(root, 'mixed', 'loop-b.rpcstate'), join(root, 'mixed', 'loop-a.rpcstate'));
        symlinkSync(join(root, 'mixed', 'loop-a.rpcstate'), join(root, 'mixed', 'loop-b.rpcstate'));
        symlinkSync(join(root, 'mixed', 'gone.txt'), join(root, 'mixed', 'broken.rpcstate'));
        symlinkSync(join(root, 'elsewhere'), join(root, 'mixed', 'folder-link'));
        symlinkSync(join(root, 'mixed'), join(root, 'mixed', 'self'));
    });

    it('a folder whose only spec is a symbolic link checks the file it points to', () => {
        const result = spawnCli(['check', join(root, 'only-link')]);
        expect(result.status).toBe(1);
        expect(result.stdout).toContain(`${join(root, 'only-link', 'linked.rpcstate')}:5:5: error[missing-completion]`);
        expect(result.stderr).toBe('');
    });

    it('in a mixed folder: follows links to files once per real file, and says which links and folders it skipped, and why', () => {
        const result = spawnCli(['check', '--format', 'json', join(root, 'mixed')]);
        expect(result.status).toBe(1);
        expect(JSON.parse(result.stdout).files.map((f: { path: string }) => f.path)).toEqual([join(root, 'mixed', 'linked.rpcstate'), join(root, 'mixed', 'plain.rpcstate')]);
        const notes = lines(result.stderr);
        const note = (name: string, reason: string) => `rpcstate: note: skipped ${join(root, 'mixed', name)}: ${reason}`;
        expect(notes).toEqual(expect.arrayContaining([
            note('.hidden', 'dot-folder, not searched'),
            note('broken.rpcstate', 'broken symbolic link (its target does not exist)'),
            note('folder-link', 'symbolic link to a folder, not followed (the search stays inside the folder given)'),
            note('loop-a.rpcstate', 'symbolic link loop (the links point at each other)'),
            note('loop-b.rpcstate', 'symbolic link loop (the links point at each other)'),
            note('same-as-plain.rpcstate', `symbolic link to ${join(root, 'mixed', 'plain.rpcstate')}, already checked`),
            note('self', 'symbolic link to a folder, not followed (the search stays inside the folder given)'),
        ]));
        expect(notes).toHaveLength(7);
    });

    it('--quiet keeps the notes out', () => {
        expect(spawnCli(['check', '--quiet', join(root, 'mixed')]).stderr).toBe('');
    });
});
