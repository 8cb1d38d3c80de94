// Compares two V8 heap snapshots (.heapsnapshot, e.g. those the long session writes with
// RPCSTATE_HEAP_SNAPSHOT_DIR): live self size and node count by constructor, largest change
// first, to see what holds memory that grows between two points of a session.
// Usage: node scripts/bench/heap-diff.mjs EARLIER.heapsnapshot LATER.heapsnapshot [ROWS]
import { readFileSync } from 'node:fs';

/** Self size and count of the snapshot's nodes by constructor (objects, closures) or by kind (strings, code, arrays). */
function summary(file) {
    const snapshot = JSON.parse(readFileSync(file, 'utf8'));
    const fields = snapshot.snapshot.meta.node_fields;
    const types = snapshot.snapshot.meta.node_types[0];
    const width = fields.length;
    const [type, name, selfSize] = ['type', 'name', 'self_size'].map(f => fields.indexOf(f));
    const byName = new Map();
    let total = 0;
    for (let i = 0; i < snapshot.nodes.length; i += width) {
        const kind = types[snapshot.nodes[i + type]];
        const key = kind === 'object' || kind === 'closure' || kind === 'native' ? snapshot.strings[snapshot.nodes[i + name]] : `(${kind})`;
        const size = snapshot.nodes[i + selfSize];
        total += size;
        const entry = byName.get(key) ?? { count: 0, size: 0 };
        entry.count++;
        entry.size += size;
        byName.set(key, entry);
    }
    return { byName, total };
}

const [earlierFile, laterFile, rowsArg] = process.argv.slice(2);
const earlier = summary(earlierFile);
const later = summary(laterFile);
const mib = bytes => (bytes / 1024 / 1024).toFixed(1);
console.log(`live self size: ${mib(earlier.total)} MiB -> ${mib(later.total)} MiB`);
const none = { count: 0, size: 0 };
const rows = [...new Set([...earlier.byName.keys(), ...later.byName.keys()])].map(key => {
    const a = earlier.byName.get(key) ?? none;
    const b = later.byName.get(key) ?? none;
    return { key, sizeChange: b.size - a.size, countChange: b.count - a.count, size: b.size, count: b.count };
});
rows.sort((x, y) => Math.abs(y.sizeChange) - Math.abs(x.sizeChange));
for (const r of rows.slice(0, Number(rowsArg ?? 25))) {
    console.log(`${(r.sizeChange / 1024).toFixed(0).padStart(8)} KiB ${String(r.countChange).padStart(8)} nodes   now ${(r.size / 1024).toFixed(0).padStart(8)} KiB ${String(r.count).padStart(8)}   ${r.key.slice(0, 70)}`);
}
