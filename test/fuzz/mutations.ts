import { KEYWORDS as GRAMMAR_KEYWORDS } from '../../language/syntax/keywords.js';
import { seededRandom } from '../support/seeded-random.js';

/** Tokens as a person would edit them: words, strings, comments, punctuation, whitespace. */
export function roughTokens(text: string): string[] {
    return text.match(/"(?:\\.|[^"\\\n])*"?|\/\/[^\n]*|\/\*[\s\S]*?\*\/|->|[A-Za-z_]\w*|\s+|./g) ?? [];
}

export type Mutation = 'delete' | 'duplicate' | 'swap' | 'truncate' | 'bytes' | 'insert-keyword';
const MUTATIONS: Mutation[] = ['delete', 'duplicate', 'swap', 'truncate', 'bytes', 'insert-keyword'];
/** The grammar's keywords (read from rpcstate.langium), and the openers of a string and a comment. */
const KEYWORDS = [...GRAMMAR_KEYWORDS.all, '"', '/*'];

/** `count` mutated versions of `text`, each with 1 to 4 mutations, deterministic for a seed. */
export function mutate(text: string, count: number, seed: number): Array<{ mutations: Mutation[]; text: string }> {
    const random = seededRandom(seed);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const cases: Array<{ mutations: Mutation[]; text: string }> = [];
    for (let c = 0; c < count; c++) {
        let tokens = roughTokens(text);
        const applied: Mutation[] = [];
        const rounds = 1 + Math.floor(random() * 4);
        for (let r = 0; r < rounds && tokens.length > 1; r++) {
            const mutation = pick(MUTATIONS);
            applied.push(mutation);
            const i = Math.floor(random() * tokens.length);
            switch (mutation) {
                case 'delete': tokens.splice(i, 1 + Math.floor(random() * 3)); break;
                case 'duplicate': tokens.splice(i, 0, ...tokens.slice(i, i + 1 + Math.floor(random() * 5))); break;
                case 'swap': {
                    const j = Math.floor(random() * tokens.length);
                    [tokens[i], tokens[j]] = [tokens[j], tokens[i]];
                    break;
                }
                case 'truncate': tokens = tokens.slice(0, i); break;
                case 'bytes': tokens.splice(i, 0, Array.from({ length: 1 + Math.floor(random() * 8) }, () => String.fromCharCode(Math.floor(random() * 0x3000))).join('')); break;
                case 'insert-keyword': tokens.splice(i, 0, ` ${pick(KEYWORDS)} `); break;
            }
        }
        cases.push({ mutations: applied, text: tokens.join('') });
    }
    return cases;
}
