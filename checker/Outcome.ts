/** What a check run ends with: a union of four outcomes, each with its statistics. Only the CLI maps them to text and exit codes. */
import type { Stats } from './Stats.js';
import type { Trace } from './Trace.js';

/** One property violated at the final state of a counterexample. */
export interface Violation {
  readonly propertyId: string;
  readonly propertyName: string;
  /** Why it fails, in the model's own words. */
  readonly message: string;
  /**
   * True for a `sometimes` property that no reachable state satisfies: a fact about the whole
   * search, not about the trace's last state (the trace is then empty).
   */
  readonly noWitness?: true;
}

/** The shortest trace to a state that satisfies a `sometimes` property. */
export interface Witness<S, A> {
  readonly propertyId: string;
  readonly propertyName: string;
  readonly trace: Trace<S, A>;
}

/** Every property holds on every reachable state. */
export interface OkOutcome<S = unknown, A = unknown> {
  readonly kind: 'ok';
  readonly stats: Stats;
  /** One witness per `sometimes` property, in `properties()` order; absent when the model has none. */
  readonly witnesses?: readonly Witness<S, A>[];
}

/**
 * A shortest trace to a state that violates one or more properties (the first is the primary one).
 * When a complete search found no witness of some `sometimes` properties, and nothing else failed,
 * the violations are those properties (each with `noWitness`) and the trace is empty: the model's
 * first initial state and no steps.
 */
export interface ViolationOutcome<S, A> {
  readonly kind: 'violation';
  readonly violations: readonly Violation[];
  readonly trace: Trace<S, A>;
  readonly stats: Stats;
  /** Set by a search that went on after this violation (`check --continue`): what else it found. */
  readonly continued?: Continuation<S, A>;
}

/** One violating state of a search that went on after its first: the properties it violates, and a shortest trace to it. */
export interface Counterexample<S, A> {
  readonly violations: readonly Violation[];
  readonly trace: Trace<S, A>;
}

/**
 * What a search that went on after its first violation found after it: each further violating
 * state, in the order found (by depth; a `sometimes` without a witness last), and, when a bound or
 * an interrupt ended it first, why — the properties not found violated are then not proven.
 */
export interface Continuation<S, A> {
  readonly further: readonly Counterexample<S, A>[];
  readonly incomplete?: IncompleteReason;
  /** Searches run in all, the first included. */
  readonly runs: number;
  /** Distinct states summed over the runs. */
  readonly distinctInAllRuns: number;
  /** Milliseconds of all the runs. */
  readonly elapsedMsInAllRuns: number;
}

/**
 * Why a run stopped before covering the whole space. `walks`: a simulation ran all its walks
 * without a violation, which proves nothing. `boundary`: the space within the model's boundary was
 * covered, but runs that owe a liveness property leave it, so whether they pay is unknown.
 */
export type IncompleteReason = 'maxStates' | 'maxDepth' | 'timeout' | 'memory' | 'interrupted' | 'walks' | 'boundary';

/** The run stopped at a bound before a verdict: never a pass. */
export interface IncompleteOutcome {
  readonly kind: 'incomplete';
  readonly reason: IncompleteReason;
  readonly stats: Stats;
}

/** The model itself threw or broke its contract. */
export interface ModelErrorOutcome<S, A> {
  readonly kind: 'modelError';
  readonly message: string;
  readonly stack?: string;
  /** The trace to the state being expanded or checked when the error happened, when it can be rebuilt. */
  readonly trace?: Trace<S, A>;
  /** The action being taken when the error was raised, if any. */
  readonly action?: A;
  readonly stats: Stats;
}

export type Outcome<S, A> = OkOutcome<S, A> | ViolationOutcome<S, A> | IncompleteOutcome | ModelErrorOutcome<S, A>;
