// The `rpcstate/checkWorkspace` request's work (server/features/workspace-check.ts),
// on real files in a temporary workspace, without a connection.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInputPaths } from '../../language/files/input-files.js';
import { checkFiles, searchFolders } from '../../server/features/workspace-check.js';
import { createRpcstateLanguageServices } from '../../server/rpcstate-lsp-module.js';
import { ladderProtocol } from '../support/ladder-protocol.js';

const BROKEN = 'protocol P\nclient C {\n  initial state S {\n    call\n    -> Nowhere\n  }\n  end state End\n}\n';
const CLEAN = 'protocol Q\nclient C {\n  initial state S {\n    -> End\n  }\n  end state End\n}\n';

describe('checkFiles (Check Workspace on the server)', () => {
    let dir: string;
    const uri = (name: string) => URI.file(join(dir, name)).toString();

    beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), 'rpcstate-check-'));
        await writeFile(join(dir, 'broken.rpcstate'), BROKEN);
        await writeFile(join(dir, 'clean.rpcstate'), CLEAN);
        await writeFile(join(dir, 'notes.txt'), 'not rpcstate');
    });
    afterAll(async () => {
        if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('validates the files (known or not), counts their problems and names what it could not read', async () => {
        const { shared } = createRpcstateLanguageServices({ ...NodeFileSystem });
        // the workspace scan finds the two files but, like Langium's startup, does not validate them
        await shared.workspace.WorkspaceManager.initializeWorkspace([{ name: 'ws', uri: URI.file(dir).toString() }]);
        const before = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri('broken.rpcstate')));
        expect(before?.diagnostics).toBeUndefined();

        await writeFile(join(dir, 'later.rpcstate'), BROKEN); // created after the scan
        const result = await checkFiles(shared, [
            uri('broken.rpcstate'),
            uri('clean.rpcstate'),
            uri('later.rpcstate'),
            uri('missing.rpcstate'),
            uri('notes.txt'),
            uri('broken.rpcstate'), // twice: checked once
        ]);
        expect(result.files).toBe(3);
        // per broken file: unknown-state (error) and unhandled-outcome (warning)
        expect(result.errors).toBe(2);
        expect(result.warnings).toBe(2);
        expect(result.unreadable.map(u => u.uri)).toEqual([uri('missing.rpcstate'), uri('notes.txt')]);
        expect(result.unreadable[1].reason).toBe('not an .rpcstate file');
        const codes = shared.workspace.LangiumDocuments.getDocument(URI.parse(uri('later.rpcstate')))?.diagnostics?.map(d => d.code).sort();
        expect(codes).toEqual(['unhandled-outcome', 'unknown-state']);
    });

    it('counts the client × server deadlocks, which are published after the file\'s own diagnostics', async () => {
        const { shared } = createRpcstateLanguageServices({ ...NodeFileSystem });
        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        await writeFile(join(dir, 'pair.rpcstate'), ladderProtocol(2, 'waits-for-cancel'));
        expect(await checkFiles(shared, [uri('pair.rpcstate')])).toEqual({ files: 1, errors: 2, warnings: 0, unreadable: [] });
    });

    it('answers an empty list with nothing checked', async () => {
        const { shared } = createRpcstateLanguageServices({ ...NodeFileSystem });
        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        expect(await checkFiles(shared, [])).toEqual({ files: 0, errors: 0, warnings: 0, unreadable: [] });
    });
});

describe('the folder search of Check Workspace is the CLI\'s', () => {
    let dir: string;
    beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), 'rpcstate-search-'));
        for (const folder of ['specs', 'node_modules/pkg', '.hidden', 'drafts', 'outside']) await mkdir(join(dir, folder), { recursive: true });
        await writeFile(join(dir, '.rpcstateignore'), 'drafts/\n');
        for (const file of ['specs/a.rpcstate', 'node_modules/pkg/b.rpcstate', '.hidden/c.rpcstate', 'drafts/d.rpcstate', 'outside/e.rpcstate', 'top.rpcstate']) await writeFile(join(dir, file), CLEAN);
        await symlink(join(dir, 'outside', 'e.rpcstate'), join(dir, 'specs', 'linked.rpcstate'));
        await symlink(join(dir, 'outside'), join(dir, 'specs', 'outside-link'));
    });
    afterAll(async () => {
        if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('finds the same files, and reports the same skipped paths, as `rpcstate check FOLDER`', async () => {
        const cli = await resolveInputPaths([dir]);
        const editor = await searchFolders([URI.file(dir).toString()]);
        expect(editor.uris).toEqual(cli.files.map(file => URI.file(file).toString()));
        expect(editor.uris.map(uri => URI.parse(uri).fsPath.slice(dir.length + 1))).toEqual(['outside/e.rpcstate', 'specs/a.rpcstate', 'top.rpcstate']);
        expect(editor.skipped.map(s => s.reason)).toEqual(cli.skipped.map(s => s.reason));
        expect(editor.skipped.map(s => URI.parse(s.uri).fsPath.slice(dir.length + 1)).sort()).toEqual(['.hidden', 'node_modules', 'specs/linked.rpcstate', 'specs/outside-link']);
        expect(editor.unreadable).toEqual([]);
    });
});
