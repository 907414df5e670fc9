/**
 * Named properties with an expectation. The checker decides what a discovery means from `kind`
 * alone and never looks at a property's id: for `always` and `deadlockFree` a discovery is a
 * counterexample, for `sometimes` it is a witness, for `eventually` a terminal state reached without
 * one is a counterexample.
 */

/** An invariant: a state for which `violation` returns a message is a counterexample. */
export interface AlwaysProperty<S> {
  readonly kind: 'always';
  /** Stable kebab-case id used by flags and reports. */
  readonly id: string;
  /** A short sentence that says what holds. */
  readonly name: string;
  /** Why `state` violates the property, or undefined when it holds there. */
  violation(state: S): string | undefined;
}

/** Freedom from deadlock: a state with no enabled actions that the model does not call final. */
export interface DeadlockFreeProperty {
  readonly kind: 'deadlockFree';
  readonly id: string;
  readonly name: string;
}

/**
 * A reachability claim: some reachable state satisfies `holds`. The first such state in
 * breadth-first order is the witness (so its trace is a shortest one); when a complete search finds
 * none, the property fails. A model whose `sometimes` fails is usually vacuous: its threads never
 * reach the situation its invariants are about.
 */
export interface SometimesProperty<S> {
  readonly kind: 'sometimes';
  readonly id: string;
  /** A short sentence that says what can happen. */
  readonly name: string;
  /** True at a state that witnesses the property. */
  holds(state: S): boolean;
}

/**
 * Every terminal path passes a state where `holds` is true. A terminal state is a checked state
 * (within the boundary) with no enabled action, deadlock or proper end alike; paths that run
 * forever (cycles) are not checked at all.
 *
 * Precise meaning, with state deduplication: each stored state remembers whether `holds` was true
 * at some state of the trace that first reached it (the one a counterexample would show, both ends
 * included). A terminal state is a counterexample when it was not. A reported counterexample is
 * therefore always real, but one can be missed: when a terminal state is first reached by a path
 * where `holds` was true and later also by a path where it never was, the later path is not
 * reported (the same limitation as Stateright's `eventually`).
 */
export interface EventuallyProperty<S> {
  readonly kind: 'eventually';
  readonly id: string;
  /** A short sentence that says what every run reaches. */
  readonly name: string;
  /** True at a state that satisfies the property for every path through it. */
  holds(state: S): boolean;
}

/** Every kind of property the checker understands. */
export type Property<S> = AlwaysProperty<S> | DeadlockFreeProperty | SometimesProperty<S> | EventuallyProperty<S>;

/** Builds an invariant. */
export function always<S>(id: string, name: string, violation: (state: S) => string | undefined): AlwaysProperty<S> {
  return { kind: 'always', id, name, violation };
}

/** Builds the deadlock-freedom property. */
export function deadlockFree(id: string, name: string): DeadlockFreeProperty {
  return { kind: 'deadlockFree', id, name };
}

/** Builds a reachability claim: some reachable state satisfies `holds` (reported with a witness trace). */
export function sometimes<S>(id: string, name: string, holds: (state: S) => boolean): SometimesProperty<S> {
  return { kind: 'sometimes', id, name, holds };
}

/** Builds a claim on terminal paths: every path that ends passes a state satisfying `holds` (see EventuallyProperty). */
export function eventually<S>(id: string, name: string, holds: (state: S) => boolean): EventuallyProperty<S> {
  return { kind: 'eventually', id, name, holds };
}
