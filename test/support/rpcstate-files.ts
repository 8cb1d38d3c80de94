import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.rpcstate` file below a folder, sorted. */
export function rpcstateFilesUnder(folder: string): string[] {
    const result: string[] = [];
    for (const name of readdirSync(folder).sort()) {
        const path = join(folder, name);
        if (statSync(path).isDirectory()) result.push(...rpcstateFilesUnder(path));
        else if (name.endsWith('.rpcstate')) result.push(path);
    }
    return result;
}
