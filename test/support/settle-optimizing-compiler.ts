import { setFlagsFromString } from 'node:v8';

/**
 * Waits for V8's concurrent optimizing compiler to finish every job in
 * flight and installs their code; undefined where V8 will not do that.
 *
 * A job holds handles to every heap object it read while it is queued,
 * compiling on a background thread, or waiting for the main thread to
 * install it: a closure's context, constants taken from feedback. Those
 * handles are roots, so a forced collection counts what they reach as live.
 * A job started while the previous parse was being analysed (the analysis'
 * closures over the old model) pins that model, its AST and CST until the
 * job is done. Quiet, the main thread installs it within a few
 * milliseconds; under load the background thread falls behind (in a test
 * run beside two busy loops, 2 runs in 90 saw the old machine alive). A
 * test that checks what is collectable settles the compiler first, so that
 * only what the code keeps is left.
 *
 * `%FinalizeOptimization` is V8's own test hook for this; `--allow-natives-
 * syntax` set at run time applies to code compiled afterwards, hence the
 * `new Function`.
 */
export function optimizingCompilerSettler(): (() => void) | undefined {
    try {
        setFlagsFromString('--allow-natives-syntax');
        return new Function('%FinalizeOptimization();') as () => void;
    } catch {
        return undefined;
    }
}
