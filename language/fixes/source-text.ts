import type { SourceEdit } from './source-edit.js';
import type { MachineModel, StateModel } from '../model/machine-model.js';
import type { SourceRange } from '../model/source-range.js';

/**
 * The text of a document, by line, with the edits quick fixes make: insert a
 * state or a transition in the layout of the examples (states indented one
 * level in their machine, bodies one more), delete a state or an action with
 * its line. Only text positions here; which edit to make is the fixes' job.
 */
export class SourceText {
    private readonly lines: string[];

    constructor(text: string) {
        this.lines = text.split(/\r?\n/);
    }

    line(index: number): string {
        return this.lines[index] ?? '';
    }

    indentOf(line: number): string {
        return /^[ \t]*/.exec(this.line(line))![0];
    }

    /** One level of indentation, as the file writes it: the states' own indentation, else two spaces. */
    unitOf(machine: MachineModel): string {
        const first = machine.states[0];
        const indent = first ? this.indentOf(first.range.start.line) : '';
        return indent.length > 0 && first.range.start.line !== machine.range.start.line ? indent : '  ';
    }

    stateIndent(machine: MachineModel): string {
        const first = machine.states[0];
        if (first && first.range.start.line !== machine.range.start.line) return this.indentOf(first.range.start.line);
        return this.indentOf(machine.range.start.line) + '  ';
    }

    /** `state Name {` ... `}` as lines, indented for this machine, ending in a newline. */
    stateBlock(machine: MachineModel, header: string, body: readonly string[]): string {
        const indent = this.stateIndent(machine);
        const inner = indent + this.unitOf(machine);
        return [`${indent}${header} {`, ...body.map(line => inner + line), `${indent}}`].map(line => line + '\n').join('');
    }

    /** Inserts whole lines (ending in newlines) before the line where `state` starts, with a blank line between. */
    insertBeforeState(state: StateModel, lines: string): SourceEdit {
        const at = { line: state.range.start.line, character: 0 };
        return { range: { start: at, end: at }, newText: lines + '\n' };
    }

    /** Inserts whole lines after the line where `state` ends, with a blank line between. */
    insertAfterState(state: StateModel, lines: string): SourceEdit {
        const at = { line: state.range.end.line + 1, character: 0 };
        if (at.line >= this.lines.length) {
            const end = { line: state.range.end.line, character: this.line(state.range.end.line).length };
            return { range: { start: end, end }, newText: '\n\n' + lines.replace(/\n$/, '') };
        }
        return { range: { start: at, end: at }, newText: '\n' + lines };
    }

    /** Inserts whole lines before the machine's closing brace. */
    insertAtMachineEnd(machine: MachineModel, lines: string): SourceEdit {
        const close = machine.range.end;
        const closeLine = this.line(close.line);
        const braceAt = close.character - 1;
        if (closeLine.slice(0, braceAt).trim() === '') {
            const at = { line: close.line, character: 0 };
            return { range: { start: at, end: at }, newText: lines };
        }
        const at = { line: close.line, character: braceAt };
        return { range: { start: at, end: at }, newText: '\n' + lines };
    }

    /** Adds a line to a state's body, before its closing brace (the state must have a body). */
    insertIntoBody(machine: MachineModel, state: StateModel, text: string): SourceEdit {
        const close = state.range.end;
        const closeLine = this.line(close.line);
        const braceAt = close.character - 1;
        if (close.line !== state.range.start.line && closeLine.slice(0, braceAt).trim() === '') {
            const at = { line: close.line, character: 0 };
            return { range: { start: at, end: at }, newText: this.indentOf(state.range.start.line) + this.unitOf(machine) + text + '\n' };
        }
        // A one-line state: `state S { call -> X }`.
        const at = { line: close.line, character: braceAt };
        const spaced = closeLine[braceAt - 1] === ' ' ? `${text} ` : ` ${text} `;
        return { range: { start: at, end: at }, newText: spaced };
    }

    /** Deletes a state's lines, and one blank line around it so that the layout stays even. */
    deleteState(state: StateModel): SourceEdit {
        const first = state.range.start.line;
        let last = state.range.end.line;
        const blank = (line: number) => line >= 0 && line < this.lines.length && this.line(line).trim() === '';
        if (blank(last + 1) && (blank(first - 1) || first === 0)) last++;
        const ownsLines = this.line(first).slice(0, state.range.start.character).trim() === ''
            && this.line(state.range.end.line).slice(state.range.end.character).trim() === '';
        if (!ownsLines) return { range: state.range, newText: '' };
        return { range: { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } }, newText: '' };
    }

    /** Deletes a range; when it is alone on its line, the whole line goes; otherwise one space beside it too. */
    deleteSpan(range: SourceRange): SourceEdit {
        const line = this.line(range.start.line);
        if (range.start.line === range.end.line) {
            const before = line.slice(0, range.start.character);
            const after = line.slice(range.end.character);
            if (before.trim() === '' && after.trim() === '') {
                return { range: { start: { line: range.start.line, character: 0 }, end: { line: range.start.line + 1, character: 0 } }, newText: '' };
            }
            if (after.startsWith(' ')) return { range: { start: range.start, end: { line: range.end.line, character: range.end.character + 1 } }, newText: '' };
            if (before.endsWith(' ')) return { range: { start: { line: range.start.line, character: range.start.character - 1 }, end: range.end }, newText: '' };
        }
        return { range, newText: '' };
    }

    /** The text covered by a one-line range. */
    slice(range: SourceRange): string {
        if (range.start.line !== range.end.line) return '';
        return this.line(range.start.line).slice(range.start.character, range.end.character);
    }
}
