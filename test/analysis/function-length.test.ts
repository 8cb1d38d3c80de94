import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

/** The developers' guide: no function in language/ over 80 lines, the scanner's loop excepted (one hot function, on purpose). */
const MAX_LINES = 80;
const EXCEPTIONS = new Set([
    'language/syntax/fast-parser/lexer.ts:scanRpcstate',
]);

function longFunctions(): string[] {
    const found: string[] = [];
    const root = join(REPO_ROOT, 'language');
    for (const name of readdirSync(root, { recursive: true }) as string[]) {
        if (!name.endsWith('.ts') || name.split(/[\\/]/).includes('generated')) continue;
        const file = `language/${name.split('\\').join('/')}`;
        const source = ts.createSourceFile(file, readFileSync(join(root, name), 'utf8'), ts.ScriptTarget.Latest, true);
        const visit = (node: ts.Node): void => {
            if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
                const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
                const declared = (node as ts.FunctionLikeDeclaration).name?.getText(source) ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(source) : '(anonymous)');
                const id = `${file}:${declared}`;
                if (lines > MAX_LINES && !EXCEPTIONS.has(id)) found.push(`${id} (${lines} lines)`);
            }
            ts.forEachChild(node, visit);
        };
        visit(source);
    }
    return found;
}

describe('function length', () => {
    it(`no function in language/ is over ${MAX_LINES} lines, except the scanner`, () => {
        expect(longFunctions()).toEqual([]);
    });
});
