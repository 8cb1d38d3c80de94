import type { DiagnosticCode, Severity } from '../analysis/diagnostic-codes.js';
import { DIAGNOSTIC_CODES } from '../analysis/diagnostic-codes.js';

/** The configuration file, found upward from each checked file (config-resolver.ts). */
export const CONFIG_FILE = 'rpcstate.json';

/** What a configuration sets a code to: another severity, or off (never reported). */
export type CodeSetting = Severity | 'off';

export interface RpcstateConfig {
    /** The file it was read from: messages name it, `ignore` patterns are relative to its folder. */
    readonly path: string;
    readonly codes: ReadonlyMap<DiagnosticCode, CodeSetting>;
    /** Paths the file search leaves out (gitignore syntax, relative to the file's folder). */
    readonly ignore: readonly string[];
}

/** A configuration file that cannot be used: one line for the user, naming the file. */
export class ConfigError extends Error {}

const SETTINGS: readonly CodeSetting[] = ['error', 'warning', 'info', 'off'];
const KEYS = new Set(['$schema', 'codes', 'ignore']);

/**
 * Reads `rpcstate.json` (schema/rpcstate.schema.json describes it for
 * editors). Strict: an unknown key, code or setting is an error rather than
 * silently ignored, so a typo never quietly turns nothing off.
 */
export function parseConfig(text: string, path: string): RpcstateConfig {
    let json: unknown;
    try {
        json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
        throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
    }
    if (!isObject(json)) throw new ConfigError(`${path}: expected a JSON object`);
    for (const key of Object.keys(json)) {
        if (!KEYS.has(key)) throw new ConfigError(`${path}: unknown key "${key}" (expected ${[...KEYS].filter(k => k !== '$schema').map(k => `"${k}"`).join(' or ')})`);
    }
    return { path, codes: parseCodes(json.codes, path), ignore: parseIgnore(json.ignore, path) };
}

function parseCodes(value: unknown, path: string): Map<DiagnosticCode, CodeSetting> {
    const codes = new Map<DiagnosticCode, CodeSetting>();
    if (value === undefined) return codes;
    if (!isObject(value)) throw new ConfigError(`${path}: "codes" must be an object such as { "unreachable-state": "off" }`);
    for (const [code, setting] of Object.entries(value)) {
        if (!DIAGNOSTIC_CODES.has(code as DiagnosticCode)) throw new ConfigError(`${path}: "${code}" is not an rpcstate diagnostic code (docs/diagnostics.md lists them)`);
        if (!SETTINGS.includes(setting as CodeSetting)) throw new ConfigError(`${path}: "${code}" must be one of ${SETTINGS.map(s => `"${s}"`).join(', ')}`);
        if (code === 'syntax' && setting !== 'error') throw new ConfigError(`${path}: "syntax" cannot be changed: a file that does not parse cannot be checked`);
        codes.set(code as DiagnosticCode, setting as CodeSetting);
    }
    return codes;
}

function parseIgnore(value: unknown, path: string): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some(pattern => typeof pattern !== 'string')) throw new ConfigError(`${path}: "ignore" must be a list of paths or patterns, such as ["generated/"]`);
    return value as string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
