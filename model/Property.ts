/**
 * Named properties with an expectation. The checker decides what a discovery means from `kind`
 * alone and never looks at a property's id: for `always` and `deadlockFree` a discovery is a
 * counterexample, for `sometimes` it is a witness; `eventually` and `leadsTo` are liveness
 * properties, about whole runs: a counterexample is a run that ends, or loops forever under the
 * model's fairness, without what they promise (see checker/liveness/).
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
 * Every run passes a state where `holds` is true. A run is a maximal path from an initial state:
 * one that ends in a state with no enabled action (a deadlock or a proper end), or one that goes on
 * forever and is fair (see `Fairness`). A counterexample is a lasso, a path into a cycle that can
 * repeat forever fairly, or a path to an end, along which `holds` is never true.
 */
export interface EventuallyProperty<S> {
  readonly kind: 'eventually';
  readonly id: string;
  /** A short sentence that says what every run reaches. */
  readonly name: string;
  /** True at a state that satisfies the property. */
  holds(state: S): boolean;
  /** The same test over a packed form's loaded state, so that a search need not decode it (see PackedTests). */
  readonly packed?: PackedTests;
}

/**
 * A liveness property's tests over the loaded state of a model's packed form (`PackedExpander.view`),
 * for a search that expands encoded states: `response` is `holds` for `eventually`. They must agree
 * with the property's own tests on every state (one semantics; the kernel's are tested so).
 */
export interface PackedTests {
  readonly trigger?: (view: never) => boolean;
  readonly response: (view: never) => boolean;
}

/**
 * Whenever `trigger` holds, `response` holds then or later on every run (TLA+'s `P ~> Q`): a
 * counterexample is a run that reaches a state where `trigger` holds and `response` does not, and
 * then ends, or loops forever fairly, without `response` ever holding.
 */
export interface LeadsToProperty<S> {
  readonly kind: 'leadsTo';
  readonly id: string;
  /** A short sentence that says what always follows what. */
  readonly name: string;
  /** True at a state that obliges the run to reach `response`. */
  trigger(state: S): boolean;
  /** True at a state that meets the obligation. */
  response(state: S): boolean;
  /** The same tests over a packed form's loaded state (see PackedTests). */
  readonly packed?: PackedTests;
}

/** The properties about whole runs, checked under the model's fairness. */
export type LivenessProperty<S> = EventuallyProperty<S> | LeadsToProperty<S>;

/** Every kind of property the checker understands. */
export type Property<S> =
  | AlwaysProperty<S>
  | DeadlockFreeProperty
  | SometimesProperty<S>
  | EventuallyProperty<S>
  | LeadsToProperty<S>;

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

/** Builds a liveness claim: every run, finite or fair and infinite, passes a state satisfying `holds`. */
export function eventually<S>(
  id: string,
  name: string,
  holds: (state: S) => boolean,
  packed?: PackedTests,
): EventuallyProperty<S> {
  return { kind: 'eventually', id, name, holds, ...(packed === undefined ? {} : { packed }) };
}

/** Builds a liveness claim: on every run, a state where `trigger` holds is followed (then or later) by one where `response` holds. */
export function leadsTo<S>(
  id: string,
  name: string,
  trigger: (state: S) => boolean,
  response: (state: S) => boolean,
  packed?: PackedTests,
): LeadsToProperty<S> {
  return { kind: 'leadsTo', id, name, trigger, response, ...(packed === undefined ? {} : { packed }) };
}

/** True for the properties checked over whole runs under fairness. */
export function isLiveness<S>(property: Property<S>): property is LivenessProperty<S> {
  return property.kind === 'eventually' || property.kind === 'leadsTo';
}
