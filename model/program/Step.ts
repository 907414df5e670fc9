/**
 * The building blocks of a thread's program: atomic steps with guards, calls, labels and choices.
 * A disabled step is how a thread waits; a call or a return takes no step of its own.
 */
import type { Frame } from './Frame.js';
import type { StepContext } from './StepContext.js';

/** What a step does to a lock or a protocol, for traces and interchange formats. */
export type StepKind =
  | 'acquire'
  | 'release'
  | 'srcu-lock'
  | 'srcu-unlock'
  | 'call'
  | 'free'
  | 'wait'
  | 'queue'
  | 'check';

/** One atomic step: the C statement it stands for, when it may run, and what it does. */
export interface StepDef<G> {
  readonly type: 'step';
  /** The function the statement belongs to (a kernel function, for the kernel model). */
  readonly fn: string;
  /** The source statement, as it reads in the code. */
  readonly code: string;
  readonly kind?: StepKind;
  /** The step may run only when this holds; absent means always. */
  readonly guard?: (shared: G, frame: Frame, tid: number) => boolean;
  /** The effect: builds the next shared state and says where control goes. */
  readonly run?: (x: StepContext<G>) => void;
}

/** A call that takes no step: control enters the callee at once. */
export interface CallDef<G> {
  readonly type: 'call';
  /** The callee, by name, fixed or chosen from the caller's frame and shared state. */
  readonly proc: string | ((frame: Frame, shared: G) => string);
  /** The callee's argument; default: the caller's own argument. */
  readonly arg?: (frame: Frame) => number;
}

/** A jump target inside a procedure body. */
export interface LabelDef {
  readonly type: 'label';
  readonly name: string;
}

/** Several steps at one position: the first whose guard holds runs; none enabled means the thread waits. */
export interface ChoiceDef<G> {
  readonly type: 'choice';
  readonly alternatives: readonly StepDef<G>[];
}

/** Anything that may stand in a procedure body. */
export type BodyItem<G> = StepDef<G> | CallDef<G> | LabelDef | ChoiceDef<G>;

/** Builds a step. */
export function step<G>(fn: string, code: string, def: Omit<StepDef<G>, 'type' | 'fn' | 'code'> = {}): StepDef<G> {
  return { type: 'step', fn, code, ...def };
}

/** Builds a call of a procedure by name (or chosen at run time). */
export function call<G>(proc: CallDef<G>['proc'], arg?: (frame: Frame) => number): CallDef<G> {
  return arg === undefined ? { type: 'call', proc } : { type: 'call', proc, arg };
}

/** Builds a label. */
export function label(name: string): LabelDef {
  return { type: 'label', name };
}

/** Builds a choice between steps with mutually exclusive guards. */
export function choice<G>(...alternatives: StepDef<G>[]): ChoiceDef<G> {
  return { type: 'choice', alternatives };
}
