import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { RpcstateConfig } from './rpcstate-config.js';
import { CONFIG_FILE, ConfigError, parseConfig } from './rpcstate-config.js';

/**
 * Which `rpcstate.json` applies to a file: the one named by the host (the
 * CLI's `--config`, the editor's `rpcstate.configFile` setting), else the
 * nearest one in the file's folder or above. One resolver per CLI run and
 * per language server; the server clears it when a configuration file changes.
 */
export class ConfigResolver {
    private explicit: string | undefined;
    private readonly reported = new Set<string>();
    /** Where a broken configuration is told to the user when it cannot stop the run (the language server sets it). */
    onProblem: (message: string) => void = message => console.error(message);
    private readonly byFolder = new Map<string, Promise<string | undefined>>();
    private readonly byFile = new Map<string, Promise<RpcstateConfig>>();

    /** Use this file for every document (undefined: search upward again). */
    setExplicitFile(path: string | undefined): void {
        this.explicit = path === undefined || path === '' ? undefined : resolve(path);
        this.clear();
    }

    get explicitFile(): string | undefined {
        return this.explicit;
    }

    /** Forget what was read: a configuration file was created, changed or deleted. */
    clear(): void {
        this.byFolder.clear();
        this.byFile.clear();
        this.reported.clear();
    }

    /** Tells `onProblem` about a broken configuration once (every document below it would say it again). */
    reportProblem(message: string): void {
        if (this.reported.has(message)) return;
        this.reported.add(message);
        this.onProblem(message);
    }

    /** The configuration of the file at `path` (a file system path), or undefined when none applies. Throws ConfigError for a broken file. */
    async configFor(path: string): Promise<RpcstateConfig | undefined> {
        const file = this.explicit ?? await this.nearest(dirname(resolve(path)));
        return file === undefined ? undefined : this.read(file);
    }

    private nearest(folder: string): Promise<string | undefined> {
        let found = this.byFolder.get(folder);
        if (!found) {
            found = this.search(folder);
            this.byFolder.set(folder, found);
        }
        return found;
    }

    private async search(folder: string): Promise<string | undefined> {
        const candidate = join(folder, CONFIG_FILE);
        if (await stat(candidate).then(info => info.isFile(), () => false)) return candidate;
        const parent = dirname(folder);
        return parent === folder ? undefined : this.nearest(parent);
    }

    private read(file: string): Promise<RpcstateConfig> {
        let config = this.byFile.get(file);
        if (!config) {
            config = readFile(file, 'utf8').then(
                text => parseConfig(text, file),
                error => { throw new ConfigError(`${file}: cannot read the configuration (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`); },
            );
            this.byFile.set(file, config);
        }
        return config;
    }
}
