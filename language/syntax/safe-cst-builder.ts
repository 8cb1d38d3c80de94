import type { CstNode, LangiumCoreServices, LangiumParser } from 'langium';
import { createLangiumParser } from 'langium';

interface ChildContainer {
    content: CstNode[];
}

/**
 * Langium 4.4's CST builder attaches hidden tokens with `push(...children)`
 * and `splice(i, 0, ...children)`: a file ending in a few hundred thousand
 * comment lines overflows the call stack ("Maximum call stack size
 * exceeded"). The builder is not a public service, so the parser we create
 * gets its two methods replaced by loops that do the same without spreading.
 */
export function createSafeLangiumParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    const builder = (parser as unknown as { nodeBuilder?: Record<string, unknown> }).nodeBuilder;
    if (builder && typeof builder.appendChildren === 'function' && typeof builder.insertChildren === 'function') {
        builder.appendChildren = (parent: ChildContainer, children: CstNode[]) => {
            for (const child of children) (child as { container?: unknown }).container = parent;
            for (const child of children) parent.content.push(child);
        };
        builder.insertChildren = (parent: ChildContainer, index: number, children: CstNode[]) => {
            for (const child of children) (child as { container?: unknown }).container = parent;
            if (children.length < 1024) parent.content.splice(index, 0, ...children);
            else parent.content = [...parent.content.slice(0, index), ...children, ...parent.content.slice(index)];
        };
    }
    return parser;
}
