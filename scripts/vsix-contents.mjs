// What the packaged extension (.vsix) may and must contain, and a reader for
// a zip's file list. Used by scripts/package-vsix.mjs on every package and by
// test/extension/vsix-contents.test.ts. The rules mirror .vscodeignore.
import { readFileSync } from 'node:fs';

/** The vsix stays small enough to download and install quickly. */
export const MAX_VSIX_BYTES = 2 * 1024 * 1024;

/** Files of the extension folder that must be in the package (paths inside `extension/`). */
export const REQUIRED_FILES = [
    'package.json',
    'readme.md',
    'LICENSE.txt',
    'out/extension.cjs',
    'out/server.cjs',
    'out/elk.bundled.cjs',
    'out/diagram-webview.js',
    'syntaxes/rpcstate.tmLanguage.json',
    'syntaxes/rpcstate-markdown-injection.json',
    'snippets/rpcstate.json',
    'schema/rpcstate.schema.json',
    'language-configuration.json',
    'media/icon.png',
    'media/rpcstate-file-light.svg',
    'media/rpcstate-file-dark.svg',
];

/** vsce's own bookkeeping at the zip's top level. */
const VSCE_FILES = new Set(['[Content_Types].xml', 'extension.vsixmanifest']);

/**
 * Problems with a package's file list (zip entry names), empty when it is
 * right: every required file present, nothing else (no sources, sourcemaps,
 * node_modules, tests), and the whole file under MAX_VSIX_BYTES.
 */
export function vsixProblems(entryNames, sizeBytes) {
    const problems = [];
    const inside = new Set();
    for (const name of entryNames) {
        if (VSCE_FILES.has(name)) continue;
        if (!name.startsWith('extension/')) {
            problems.push(`unexpected top-level entry ${name}`);
            continue;
        }
        inside.add(name.slice('extension/'.length));
    }
    const required = new Set(REQUIRED_FILES.map(f => f.toLowerCase()));
    for (const file of inside) {
        if (file.split('/').includes('node_modules')) problems.push(`node_modules must not be packaged: ${file}`);
        else if (file.endsWith('.map')) problems.push(`sourcemaps must not be packaged: ${file}`);
        else if (!required.has(file.toLowerCase())) problems.push(`not an extension file (add it to .vscodeignore's list and REQUIRED_FILES, or leave it out): ${file}`);
    }
    const present = new Set([...inside].map(f => f.toLowerCase()));
    for (const file of REQUIRED_FILES) {
        if (!present.has(file.toLowerCase())) problems.push(`missing ${file}`);
    }
    if (sizeBytes !== undefined && sizeBytes > MAX_VSIX_BYTES) {
        problems.push(`the vsix is ${sizeBytes} bytes, over the ${MAX_VSIX_BYTES} byte limit`);
    }
    return problems;
}

/**
 * The entries of a zip file (name and uncompressed size), read from its
 * central directory: enough to audit a vsix without unpacking it.
 */
export function zipEntries(path) {
    const zip = readFileSync(path);
    const EOCD = 0x06054b50;
    const CENTRAL = 0x02014b50;
    let end = -1;
    // The end record is in the last 22 bytes plus at most a 65535-byte comment.
    for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
        if (zip.readUInt32LE(i) === EOCD) {
            end = i;
            break;
        }
    }
    if (end < 0) throw new Error(`${path} is not a zip file (no end of central directory record)`);
    const count = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    const entries = [];
    for (let n = 0; n < count; n++) {
        if (zip.readUInt32LE(at) !== CENTRAL) throw new Error(`${path}: broken central directory at entry ${n}`);
        const size = zip.readUInt32LE(at + 24);
        const nameLength = zip.readUInt16LE(at + 28);
        const extraLength = zip.readUInt16LE(at + 30);
        const commentLength = zip.readUInt16LE(at + 32);
        const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
        entries.push({ name, size });
        at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
}
