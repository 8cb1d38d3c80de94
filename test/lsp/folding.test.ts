import { expectFoldings } from 'langium/test';
import { FoldingRangeKind } from 'vscode-languageserver';
import { describe, expect, test } from 'vitest';
import { rpcstate } from './editor-services.js';

const foldings = expectFoldings(rpcstate);

describe('folding ranges', () => {
    test('machines, states, block comments and #region pairs; one-line states do not fold', async () => {
        await foldings({
            text: [
                '<|/* A block comment',
                '   over',
                '   three lines */|>',
                'protocol P',
                '<|// #region the client',
                '<|client C {',
                '  <|initial state A {',
                '    call',
                '    -> End',
                '  }|>',
                '  state B { -> End }',
                '  end state End',
                '}|>',
                '// #endregion|>',
            ].join('\n'),
            assert: (found, expected) => {
                const actual = found.map(f => [f.startLine, f.endLine, f.kind ?? ''] as const).sort((a, b) => a[0] - b[0]);
                // The markers give where each fold starts; folds end before their closing line, regions on it.
                expect(expected.length).toBe(4);
                expect(actual).toEqual([
                    [0, 1, FoldingRangeKind.Comment],
                    [4, 13, FoldingRangeKind.Region],
                    [5, 11, ''],
                    [6, 8, ''],
                ]);
            },
        });
    });

    test('an unterminated region and a broken document do not fold or throw', async () => {
        await foldings({
            text: 'protocol P\n// #region\nclient C {\n  state A {\n',
            assert: found => expect(found.every(f => f.kind !== FoldingRangeKind.Region)).toBe(true),
        });
    });
});
