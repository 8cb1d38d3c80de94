// The `rpcstate/checkWorkspace` request's work (server/features/workspace-check.ts),
// on real files in a temporary workspace, without a connection.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../server/features/workspace-check.js';
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
