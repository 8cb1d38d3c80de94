/**
 * Names and text for generated TypeScript. Spec names are identifiers
 * (`[_a-zA-Z]\w*`), so they never contain `$`: the generator uses `$` to
 * escape and to join, which makes every derived member name injective (two
 * different spec names never give the same TypeScript name) without looking
 * at the other names, so a name does not change when the spec grows.
 */

/** The shape of every name the grammar accepts; anything else is refused before generation. */
export const SPEC_IDENTIFIER = /^[_a-zA-Z]\w*$/;

/**
 * Names that must not become members of the handlers object as they are:
 * reserved words (legal as member names, but confusing and unusable as
 * bindings), `then` (an object with a `then` method is a thenable: awaiting or
 * resolving with it would call it), and every member of Object.prototype
 * (`constructor` would even turn a class method into the constructor).
 */
const UNSAFE_MEMBER_NAMES: ReadonlySet<string> = new Set([
    // ECMAScript reserved words, strict-mode and TypeScript contextual ones.
    'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
    'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
    'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static',
    'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'async', 'arguments', 'eval',
    'as', 'any', 'boolean', 'declare', 'get', 'set', 'module', 'namespace', 'never', 'number', 'object', 'string',
    'symbol', 'type', 'undefined', 'unknown', 'bigint', 'keyof', 'readonly', 'unique', 'infer', 'is', 'of', 'satisfies',
    'accessor', 'override', 'abstract', 'require', 'global', 'asserts', 'out', 'using',
    // Thenable.
    'then',
    // Object.prototype and Function-ish members every object inherits.
    'constructor', '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
    'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf',
]);

/** The Handlers method of a state: its name, or its name and `$` when the name is unsafe (`then` → `then$`). */
export function stateMethodName(state: string): string {
    return UNSAFE_MEMBER_NAMES.has(state) ? `${state}$` : state;
}

/**
 * The Handlers method of a transition's effect: `STATE$OUTCOME`, or
 * `STATE$$default` for the state's default transition (an outcome name has
 * no `$`, so this cannot meet a named outcome, even one called `default`).
 */
export function effectMethodName(state: string, outcome: string | undefined): string {
    return outcome === undefined ? `${state}$$default` : `${state}$${outcome}`;
}

/** Words of an identifier: split at underscores, lower→upper and UPPER→Upper boundaries (`HTTPServer_v2` → HTTP, Server, v2). */
function words(name: string): string[] {
    return name
        .split('_')
        .flatMap(part => part.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/))
        .filter(word => word.length > 0);
}

/** Names Windows will not let a file have, whatever its extension. */
const WINDOWS_DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** A machine's file stem in kebab-case (`WaitForReply` → `wait-for-reply`); never empty, never a Windows device name. */
export function kebabFileStem(name: string): string {
    const stem = words(name).map(word => word.toLowerCase()).join('-');
    if (stem.length === 0) return 'machine';
    return WINDOWS_DEVICE_NAMES.test(stem) ? `${stem}-machine` : stem;
}

/** `Caller` → `CallerHandlers`; `__proto__` → `ProtoHandlers`; always a valid, non-reserved class name. */
export function handlersClassName(machine: string): string {
    const pascal = words(machine).map(word => word[0].toUpperCase() + word.slice(1)).join('');
    const base = pascal.length === 0 || /^[0-9]/.test(pascal) ? `Machine${pascal}` : pascal;
    return `${base}Handlers`;
}

/**
 * A single-quoted TypeScript string literal holding `text` exactly. Escapes
 * quotes, backslashes, every line terminator (including U+2028/U+2029) and
 * every other control character, so no text can end the literal early.
 */
export function stringLiteral(text: string): string {
    let out = "'";
    for (const char of text) {
        const code = char.codePointAt(0)!;
        if (char === "'" || char === '\\') out += `\\${char}`;
        else if (char === '\n') out += '\\n';
        else if (char === '\r') out += '\\r';
        else if (char === '\t') out += '\\t';
        else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
        else out += char;
    }
    return `${out}'`;
}

/**
 * Text safe inside a `/* *\/` or `//` comment, on one line: line terminators
 * become spaces, and `*\/` cannot close the comment. A spec description is
 * written by a person and may hold anything a string can.
 */
export function commentText(text: string): string {
    return text
        .replace(/[\r\n\u2028\u2029\u0085]+/g, ' ')
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
        .replace(/\*\//g, '*\\/')
        .trim();
}
