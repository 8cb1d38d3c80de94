import { randomBytes } from 'node:crypto';
import { chmod, link, lstat, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The one atomic file writer (the generator's files, `rpcstate diagram
 * --out`): readers see the old content or the new, never half of it. The
 * text goes to a temporary file beside the target, then moves into place:
 * `rename` replaces the target; `link` (mode `create`) fails instead of
 * replacing a file that appeared meanwhile. Returns false when a `create`
 * target turned out to exist; the temporary file never outlives the call.
 * `permissions`: the mode bits the file gets (default 0o644, less the umask).
 */
export async function writeFileAtomically(path: string, text: string, mode: 'replace' | 'create' = 'replace', permissions?: number): Promise<boolean> {
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    // With the permissions of a file being replaced, the copy is private until it has them (never more open in between).
    await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx', mode: permissions === undefined ? 0o644 : 0o600 });
    let moved = false;
    try {
        if (permissions !== undefined) await chmod(temporary, permissions);
        if (mode === 'replace') {
            await rename(temporary, path);
            moved = true;
            return true;
        }
        try {
            await link(temporary, path);
            return true;
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code === 'EEXIST') return false;
            if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
            // No hard links on this file system: check, then rename (a small race instead of none).
            if (await exists(path)) return false;
            await rename(temporary, path);
            moved = true;
            return true;
        }
    } finally {
        // Only ever the temporary file this call created.
        if (!moved) await unlink(temporary).catch(() => undefined);
    }
}

export async function exists(path: string): Promise<boolean> {
    try {
        await lstat(path);
        return true;
    } catch {
        return false;
    }
}
