// The extension's package.json contributions point at files that exist and
// say what a user needs to read in the editor's UI.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIRED_FILES } from '../../scripts/vsix-contents.mjs';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('the extension manifest (package.json)', () => {
    it('runs the bundled extension and activates on the language', () => {
        expect(pkg.main).toBe('./out/extension.cjs');
        expect(pkg.activationEvents).toContain('onLanguage:rpcstate');
        expect(pkg.engines.vscode).toMatch(/^\^1\.\d+\.\d+$/);
        expect(pkg.publisher).toMatch(/^[a-z0-9-]+$/);
    });

    it('declares the language with its configuration and file icons, all on disk', () => {
        const language = pkg.contributes.languages.find((l: { id: string }) => l.id === 'rpcstate');
        expect(language.extensions).toEqual(['.rpcstate']);
        // VS Code 1.117 adds the implicit onLanguage activation only with a configuration file.
        expect(language.configuration).toBe('./language-configuration.json');
        for (const file of [language.configuration, language.icon.light, language.icon.dark]) {
            expect(existsSync(join(root, file)), file).toBe(true);
        }
    });

    it('points grammars and snippets at files that exist and parse', () => {
        for (const entry of [...pkg.contributes.grammars, ...pkg.contributes.snippets]) {
            expect(() => JSON.parse(readFileSync(join(root, entry.path), 'utf8')), entry.path).not.toThrow();
        }
    });

    it('gives every command a category and title, and every setting a description', () => {
        for (const command of pkg.contributes.commands) {
            expect(command.command).toMatch(/^rpcstate\./);
            expect(command.category).toBe('rpcstate');
            expect(command.title.length).toBeGreaterThan(3);
            expect(pkg.activationEvents).toContain(`onCommand:${command.command}`);
        }
        const settings = Object.entries(pkg.contributes.configuration.properties) as Array<[string, Record<string, unknown>]>;
        expect(settings.map(([key]) => key)).toContain('rpcstate.trace.server');
        for (const [key, setting] of settings) {
            expect(String(setting.description ?? setting.markdownDescription ?? ''), key).toMatch(/\w{4,}.*\w{4,}/);
        }
    });

    it('says what is limited in untrusted and virtual workspaces', () => {
        for (const kind of ['untrustedWorkspaces', 'virtualWorkspaces']) {
            expect(pkg.capabilities[kind].supported).toBe('limited');
            expect(pkg.capabilities[kind].description).toMatch(/disabled|unavailable/);
        }
    });

    it('has a 128x128 PNG icon that the package includes', () => {
        const png = readFileSync(join(root, pkg.icon));
        expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
        // IHDR: width and height, big-endian, at bytes 16 and 20
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
        expect(REQUIRED_FILES).toContain(pkg.icon);
    });
});
