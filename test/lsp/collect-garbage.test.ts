import { describe, expect, it } from 'vitest';
import { garbageCollector } from '../../server/features/collect-garbage.js';

/** 64 MiB of typed arrays, reachable only through the returned WeakRef. */
function allocate(): WeakRef<Int32Array[]> {
    return new WeakRef(Array.from({ length: 4 }, () => new Int32Array(4 << 20).fill(1)));
}

/** The composition worker frees a big check's arrays through this; without it they stay resident while it idles. */
describe('garbageCollector', () => {
    it('is available without --expose-gc, and frees unreachable typed arrays at once', async () => {
        const collect = garbageCollector();
        expect(collect).toBeTypeOf('function');
        collect!();
        const before = process.memoryUsage().arrayBuffers;
        const arrays = allocate();
        expect(process.memoryUsage().arrayBuffers - before).toBeGreaterThan(60 << 20);
        // A WeakRef holds its target until the current task ends.
        await new Promise(resolve => setTimeout(resolve, 0));
        collect!();
        expect(arrays.deref()).toBeUndefined();
        // V8 frees the backing stores on a background thread, shortly after.
        for (let waited = 0; waited < 2000 && process.memoryUsage().arrayBuffers - before >= 8 << 20; waited += 20) {
            await new Promise(resolve => setTimeout(resolve, 20));
        }
        expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(8 << 20);
    });
});
