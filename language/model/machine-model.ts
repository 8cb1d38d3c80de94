import type { SourceRange } from './source-range.js';

/**
 * The plain model of a protocol: what the checks, the diagram and the
 * generators read. Built from the AST by `model-builder.ts`, or by hand in
 * tests; it holds names and source ranges, never AST or LSP objects.
 */
export type Side = 'client' | 'server';

export interface ProtocolModel {
    readonly name: string;
    /** Where the protocol's name is written (the place of protocol-wide findings); absent in models built by hand. */
    readonly nameRange?: SourceRange;
    readonly description?: string;
    readonly machines: readonly MachineModel[];
}

export interface MachineModel {
    readonly side: Side;
    readonly name: string;
    readonly range: SourceRange;
    readonly nameRange: SourceRange;
    readonly states: readonly StateModel[];
    /**
     * The parser had to recover inside this machine (or just after it): what
     * it holds is a guess, so the checks leave it alone until it parses.
     */
    readonly incomplete?: boolean;
}

export interface StateModel {
    readonly name: string;
    readonly description?: string;
    readonly initial: boolean;
    readonly end: boolean;
    readonly range: SourceRange;
    readonly nameRange: SourceRange;
    /** Where `initial state NAME` or `end state NAME` is written: the place for multiple-initial and multiple-end. */
    readonly headerRange: SourceRange;
    readonly action?: ActionModel;
    readonly transitions: readonly TransitionModel[];
}

export type ActionKind = 'call' | 'dispatch' | 'await' | 'invoke' | 'raise';
export type EffectKind = 'invoke' | 'raise';

export interface ActionModel {
    readonly kind: ActionKind;
    /** The procedure of `call`/`dispatch`, the event of `await`, the function of `invoke`. */
    readonly name?: string;
    readonly range: SourceRange;
}

export interface EffectModel {
    readonly kind: EffectKind;
    readonly name?: string;
    readonly range: SourceRange;
}

export interface TransitionModel {
    /** Absent for the state's default transition. */
    readonly outcome?: string;
    readonly effect?: EffectModel;
    readonly target: string;
    readonly targetRange: SourceRange;
    readonly range: SourceRange;
}
