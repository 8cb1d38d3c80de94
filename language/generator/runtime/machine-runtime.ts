/**
 * The runtime of every generated `<name>.machine.ts`: the types and the
 * driver that read the generated tables. The generator copies each
 * `#region` of this file, as text, to its place in the file it writes
 * (machine-runtime-source.ts cuts them out); everything outside the regions
 * stands in for what machine-module-generator.ts writes for one machine, here
 * `Start` → `End`, so that tsc checks the regions as the code they become.
 *
 * The regions must compile under the strictest flags users turn on
 * (exactOptionalPropertyTypes, noUncheckedIndexedAccess, erasableSyntaxOnly,
 * verbatimModuleSyntax: the generated-code tests compile them so), use no
 * `any`, import nothing, and never treat the handlers object as a promise.
 * Nothing imports this file as a module.
 */

// Stand-in: the machine's states and the outcome each handler may return.
export type State =
    | 'Start'
    | 'End';

export const initialState = 'Start' satisfies State;
export const endState = 'End' satisfies State;

export interface Outcomes {
    'Start': 'done' | undefined;
    'End': never;
}

// #region handler-types
/** A value or a promise of it: a handler may answer at once or later. */
export type Awaitable<T> = T | PromiseLike<T>;

/** What `run` passes to every handler. */
export interface HandlerContext<S extends State = State> {
    /** The state being handled (for an effect: the state its transition leaves). */
    readonly state: S;
    /** Aborted when the run's signal is: hand it on to whatever the handler waits for. */
    readonly signal: AbortSignal;
}
// #endregion

// Stand-in: one method per state that acts or chooses, one per transition effect.
export interface Handlers {
    Start(context: HandlerContext<'Start'>): Awaitable<Outcomes['Start']>;
    Start$done(context: HandlerContext<'Start'>): Awaitable<void>;
}

// #region table-types
/** An action or effect as the spec writes it: `call FetchRecord` is { kind: 'call', name: 'FetchRecord' }. */
export interface ActionData {
    readonly kind: 'call' | 'dispatch' | 'await' | 'invoke' | 'raise';
    readonly name: string | undefined;
}

/** One state of the spec, in spec order. */
export interface StateData {
    readonly name: State;
    readonly description: string | undefined;
    readonly initial: boolean;
    readonly end: boolean;
    readonly action: ActionData | undefined;
    /** The Handlers method that acts and returns the outcome; undefined where `run` takes the only transition itself, and at the end state. */
    readonly handler: keyof Handlers | undefined;
}

/** One transition of the spec: state by state, in spec order. */
export interface TransitionData {
    readonly from: State;
    /** The `on` name; undefined for the state's default transition. */
    readonly outcome: string | undefined;
    readonly to: State;
    /** What happens after the state's action and before `to` is entered. */
    readonly effect: ActionData | undefined;
    /** The Handlers method that performs the effect. */
    readonly effectHandler: keyof Handlers | undefined;
}

// One call per row, rather than object literals: every row then has the same type, so a
// table of 10,000 states is checked row by row instead of as one union of 10,000 shapes.
function stateRow(name: State, description: string | undefined, initial: boolean, end: boolean, action: ActionData | undefined, handler: keyof Handlers | undefined): StateData {
    return { name, description, initial, end, action, handler };
}

function transitionRow(from: State, outcome: string | undefined, to: State, effect: ActionData | undefined, effectHandler: keyof Handlers | undefined): TransitionData {
    return { from, outcome, to, effect, effectHandler };
}

function act(kind: ActionData['kind'], name: string | undefined): ActionData {
    return { kind, name };
}
// #endregion

// Stand-in: the tables.
export const states: readonly StateData[] = [
    stateRow('Start', 'Make the call', true, false, act('call', 'Fetch'), 'Start'),
    stateRow('End', undefined, false, true, undefined, undefined),
];

export const transitions: readonly TransitionData[] = [
    transitionRow('Start', 'done', 'End', act('invoke', 'RpcAsyncCompleteCall'), 'Start$done'),
    transitionRow('Start', undefined, 'End', undefined, undefined),
];

// #region driver-api
/** One transition taken by `run`. */
export interface Step {
    readonly from: State;
    /** The outcome the state's handler returned; undefined when the default transition was taken. */
    readonly outcome: string | undefined;
    readonly to: State;
    /** The transition's index in {@link transitions}. */
    readonly transition: number;
}

export interface RunOptions {
    /** Aborting it makes `run` reject with the signal's reason at once, even while a handler is still busy. */
    readonly signal?: AbortSignal | undefined;
    /** Called after every step, before the next state is handled; what it throws rejects `run`. */
    readonly observer?: ((step: Step) => void) | undefined;
}

/**
 * A handler returned an outcome its state does not declare. The types make
 * this impossible for typed code; JavaScript callers, casts and `any` can
 * still do it, and a typo must never silently take the default transition.
 */
export class UndeclaredOutcomeError extends Error {
    override readonly name = 'UndeclaredOutcomeError';
    /** The state whose handler answered. */
    readonly state: State;
    /** What the handler returned. */
    readonly outcome: unknown;
    /** What the state accepts: its `on` names, and undefined when it has a default transition. */
    readonly accepted: ReadonlyArray<string | undefined>;

    constructor(state: State, outcome: unknown, accepted: ReadonlyArray<string | undefined>) {
        const names = accepted.map(name => (name === undefined ? 'undefined (its default transition)' : "'" + name + "'"));
        super(
            'state ' + state + ' returned ' + describeValue(outcome) + ', which it does not declare; it accepts ' +
            (names.length === 0 ? 'nothing (it has no transitions)' : names.join(', ')) + '.',
        );
        this.state = state;
        this.outcome = outcome;
        this.accepted = accepted;
    }
}

/** The handlers object lacks a method the machine needs (again only possible past the type checker). */
export class MissingHandlerError extends TypeError {
    override readonly name = 'MissingHandlerError';
    /** The method that is missing or not a function. */
    readonly method: string;

    constructor(method: string, purpose: string) {
        super('the handlers object has no method ' + method + ': ' + purpose + '.');
        this.method = method;
    }
}

/** True when `state` accepts `value` as its outcome: one of its `on` names, or undefined when it has a default transition. */
export function isDeclaredOutcome<S extends State>(state: S, value: unknown): value is Outcomes[S] {
    const exits = exitsOf.get(state);
    if (exits === undefined) return false;
    if (value === undefined) return exits.fallback !== undefined;
    return typeof value === 'string' && exits.named.has(value);
}

/**
 * Runs the machine from {@link initialState} to {@link endState}: asks each
 * state's handler for its outcome (states with a single transition and no
 * action are passed without asking), runs the chosen transition's effect,
 * reports the step to the observer, and enters the target. Resolves with
 * the path taken; rejects with {@link UndeclaredOutcomeError} for an outcome
 * the state does not declare, with the signal's reason when aborted, and with
 * whatever a handler or the observer throws. The handlers object itself is
 * never awaited, so a `then` method on it is never called.
 */
export async function run(handlers: Handlers, options: RunOptions = {}): Promise<Step[]> {
    const signal = options.signal ?? new AbortController().signal;
    const observer = options.observer;
    checkHandlers(handlers);
    const path: Step[] = [];
    let state: State = initialState;
    while (state !== endState) {
        signal.throwIfAborted();
        const exits = exitsOf.get(state);
        if (exits === undefined) throw new Error('rpcstate: state ' + state + ' is not in the transition table (was this file edited?)');
        const decide = deciders.get(state);
        let exit: Exit;
        if (decide === undefined) {
            const only = exits.all[0];
            if (only === undefined || exits.all.length !== 1) throw new Error('rpcstate: state ' + state + ' has no handler and ' + exits.all.length + ' transitions');
            exit = only;
        } else {
            const outcome: unknown = await settle(decide(handlers, signal), signal);
            const chosen = outcome === undefined ? exits.fallback : typeof outcome === 'string' ? exits.named.get(outcome) : undefined;
            if (chosen === undefined) {
                const accepted: Array<string | undefined> = [...exits.named.keys()];
                if (exits.fallback !== undefined) accepted.push(undefined);
                throw new UndeclaredOutcomeError(state, outcome, accepted);
            }
            exit = chosen;
        }
        const perform = performers.get(exit.index);
        if (perform !== undefined) await settle(perform(handlers, signal), signal);
        const step: Step = { from: state, outcome: exit.data.outcome, to: exit.data.to, transition: exit.index };
        path.push(step);
        if (observer !== undefined) observer(step);
        state = exit.data.to;
    }
    return path;
}
// #endregion

// #region dispatch-types
// How `run` reaches the handlers: one entry per method, so each call is checked against its own signature.
type Decide = (handlers: Handlers, signal: AbortSignal) => Awaitable<string | undefined>;
type Perform = (handlers: Handlers, signal: AbortSignal) => Awaitable<void>;

const deciders = new Map<State, Decide>();
const performers = new Map<number, Perform>();
// #endregion

// Stand-in: how run reaches each handler method.
deciders.set('Start', (handlers, signal) => handlers.Start({ state: 'Start', signal }));
performers.set(0, (handlers, signal) => handlers.Start$done({ state: 'Start', signal }));

// #region driver-internals
interface Exit {
    readonly index: number;
    readonly data: TransitionData;
}

interface Exits {
    readonly all: Exit[];
    readonly named: Map<string, Exit>;
    fallback: Exit | undefined;
}

/** Each state's transitions, by outcome; Maps, so no outcome name can reach Object.prototype. */
const exitsOf: ReadonlyMap<State, Exits> = indexExits();

function indexExits(): Map<State, Exits> {
    const index = new Map<State, Exits>();
    for (const state of states) index.set(state.name, { all: [], named: new Map<string, Exit>(), fallback: undefined });
    transitions.forEach((data, position) => {
        const exits = index.get(data.from);
        if (exits === undefined) return;
        const exit: Exit = { index: position, data };
        exits.all.push(exit);
        if (data.outcome === undefined) exits.fallback = exit;
        else exits.named.set(data.outcome, exit);
    });
    return index;
}

function checkHandlers(handlers: Handlers): void {
    const target: unknown = handlers;
    if (target === null || (typeof target !== 'object' && typeof target !== 'function')) {
        throw new TypeError('run(handlers): handlers must be an object with one method per state that acts or chooses, not ' + describeValue(target));
    }
    for (const state of states) {
        if (state.handler !== undefined && typeof Reflect.get(target, state.handler) !== 'function') {
            throw new MissingHandlerError(state.handler, 'state ' + state.name + ' needs it to ' + (state.action === undefined ? 'choose' : 'act and choose') + ' its outcome');
        }
    }
    for (const transition of transitions) {
        if (transition.effectHandler !== undefined && typeof Reflect.get(target, transition.effectHandler) !== 'function') {
            throw new MissingHandlerError(transition.effectHandler, 'the transition from ' + transition.from + ' to ' + transition.to + ' needs it for its effect');
        }
    }
}

/** Waits for a handler's answer, but rejects as soon as the signal aborts, even if the handler ignores the signal. */
function settle<T>(value: Awaitable<T>, signal: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
        const onAbort = (): void => {
            const reason: unknown = signal.reason;
            reject(reason);
        };
        if (signal.aborted) {
            onAbort();
            return;
        }
        signal.addEventListener('abort', onAbort, { once: true });
        Promise.resolve(value).then(
            result => {
                signal.removeEventListener('abort', onAbort);
                resolve(result);
            },
            (error: unknown) => {
                signal.removeEventListener('abort', onAbort);
                reject(error);
            },
        );
    });
}

function describeValue(value: unknown): string {
    if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 60) + '...' : value);
    if (value === undefined) return 'undefined';
    if (value === null) return 'null';
    return 'a value of type ' + typeof value;
}
// #endregion
