import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection on demand, or undefined where V8 will not give
 * one. For the composition worker: a check of a million joint points leaves
 * some 100 MB of typed arrays behind, which an idle thread keeps resident
 * until its next allocation makes V8 collect. A worker cannot be started
 * with --expose-gc (Node refuses V8 flags in a worker's execArgv); setting
 * the flag at run time exposes `gc` in contexts made afterwards, so one
 * fresh context hands it over. Nothing else in the server makes contexts.
 */
export function garbageCollector(): (() => void) | undefined {
    try {
        setFlagsFromString('--expose-gc');
        const gc: unknown = runInNewContext('gc');
        return typeof gc === 'function' ? () => gc() : undefined;
    } catch {
        return undefined;
    }
}
