import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Protocol } from '../../language/generated/ast.js';
import { generateMachineFiles } from '../../language/generator/generate-machine-files.js';
import { sourceRegionsOf } from '../../language/generator/source-regions.js';
import { buildProtocolModel } from '../../language/model/model-builder.js';
import { createRpcstateServices } from '../../language/rpcstate-module.js';
import { syntheticProtocol } from './synthetic-protocol.js';

/**
 * `node measure-generator.cjs N RUNS REPO_ROOT`: generates the client machine
 * of the synthetic protocol (N states) RUNS times, then compiles the output
 * once with the strict flags the generated code promises. Prints one JSON
 * line. Generation is timed from the model (with trace), as the CLI does
 * after its check; the planted legality mistakes of the synthetic protocol do
 * not matter to the generator.
 */
const n = Number(process.argv[2]);
const runs = Number(process.argv[3] ?? 3);
const root = process.argv[4];

const services = createRpcstateServices(NodeFileSystem);
const text = syntheticProtocol(n);
const uri = URI.file('/bench/synthetic.rpcstate');
const document = services.shared.workspace.LangiumDocumentFactory.fromString<Protocol>(text, uri);
const full = buildProtocolModel(document.parseResult.value);
const model = { ...full, machines: full.machines.filter(m => m.side === 'client') };
const regions = sourceRegionsOf(text, uri.toString());

const times: number[] = [];
let files = generateMachineFiles(model, { specName: 'synthetic.rpcstate', regions });
for (let i = 0; i < runs; i++) {
    const started = performance.now();
    files = generateMachineFiles(model, { specName: 'synthetic.rpcstate', regions });
    times.push(performance.now() - started);
}
times.sort((a, b) => a - b);

const scratch = mkdtempSync(join(tmpdir(), 'rpcstate-bench-generated-'));
writeFileSync(join(scratch, 'package.json'), '{ "type": "module" }\n');
for (const file of files) writeFileSync(join(scratch, file.name), file.content);
const flags = ['--strict', '--noUnusedLocals', '--noUnusedParameters', '--exactOptionalPropertyTypes', '--isolatedModules', '--noImplicitOverride',
    '--target', 'ES2022', '--module', 'NodeNext', '--skipLibCheck', '--types', 'node', '--typeRoots', join(root, 'node_modules', '@types'), '--outDir', join(scratch, 'js')];
const started = performance.now();
const compiled = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), ...flags, ...files.map(f => join(scratch, f.name))], { encoding: 'utf8', maxBuffer: 1 << 26, cwd: scratch });
const compileMs = performance.now() - started;
rmSync(scratch, { recursive: true, force: true });

const machine = model.machines[0];
console.log(JSON.stringify({
    states: machine.states.length,
    transitions: machine.states.reduce((sum, s) => sum + s.transitions.length, 0),
    generatedKiB: Math.round(files.reduce((sum, f) => sum + f.content.length, 0) / 1024),
    generateMs: Math.round(times[Math.floor(times.length / 2)]),
    compileMs: Math.round(compileMs),
    compileErrors: compiled.status === 0 ? 0 : (compiled.stdout.match(/error TS/g) ?? []).length,
    ...(compiled.status === 0 ? {} : { firstCompileError: compiled.stdout.split('\n')[0] }),
}));
