// Checks language-configuration.json: that it parses, that its regular
// expressions compile, and that they do what the editor is meant to do on
// .rpcstate text.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const config = JSON.parse(fs.readFileSync(path.join(root, 'language-configuration.json'), 'utf8'));

describe('language-configuration.json', () => {
    it('declares the comments, brackets and pairs', () => {
        expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(config.brackets).toEqual([['{', '}']]);
        expect(config.autoClosingPairs).toContainEqual({ open: '{', close: '}' });
        expect(config.autoClosingPairs).toContainEqual({ open: '"', close: '"', notIn: ['string', 'comment'] });
        expect(config.surroundingPairs).toEqual(expect.arrayContaining([['{', '}'], ['"', '"']]));
    });

    it('has regular expressions that compile', () => {
        const patterns: string[] = [
            config.wordPattern,
            config.folding.markers.start,
            config.folding.markers.end,
            ...Object.values<string>(config.indentationRules),
            ...config.onEnterRules.flatMap((r: Record<string, unknown>) =>
                ['beforeText', 'afterText', 'previousLineText'].map((k) => r[k]).filter((p) => typeof p === 'string'))
        ];
        expect(patterns.length).toBeGreaterThanOrEqual(8);
        for (const p of patterns) expect(() => new RegExp(p), p).not.toThrow();
    });

    it('takes identifiers as words, and never the arrow', () => {
        const words = (text: string) => text.match(new RegExp(config.wordPattern, 'g')) ?? [];
        expect(words('on giveUp->Can')).toEqual(['on', 'giveUp', 'Can']);
        expect(words('    -> WComp')).toEqual(['WComp']);
        expect(words('invoke RpcAsyncCompleteCall')).toEqual(['invoke', 'RpcAsyncCompleteCall']);
        expect(words('state _end2')).toEqual(['state', '_end2']);
    });

    it('indents after an opening brace and outdents on a closing one', () => {
        const increase = new RegExp(config.indentationRules.increaseIndentPattern);
        const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
        for (const line of [
            'client Caller {',
            '  initial state C "Make the call" {',
            '  state Q "a \\" quote {" {',
            'server Spinner {   // a comment',
            '  initial state D "Dispatch" {          // expect: no-path-to-end',
            '  state A /* note */ {'
        ]) {
            expect(increase.test(line), line).toBe(true);
        }
        for (const line of [
            '  state Sub { await RpcClientCancel -> Wait }',
            '  state S "ends in a brace {"',
            '// client C {',
            '  end state End',
            '    on success -> WComp'
        ]) {
            expect(increase.test(line), line).toBe(false);
        }
        expect(decrease.test('  }')).toBe(true);
        expect(decrease.test('}  // end of the machine')).toBe(true);
        expect(decrease.test('  state X {')).toBe(false);
    });

    it('folds // #region ... // #endregion', () => {
        const start = new RegExp(config.folding.markers.start);
        const end = new RegExp(config.folding.markers.end);
        expect(start.test('  // #region server states')).toBe(true);
        expect(end.test('  // #endregion')).toBe(true);
        expect(start.test('  // the region of interest')).toBe(false);
        expect(end.test('  // #region')).toBe(false);
    });
});
