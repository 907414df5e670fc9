/**
 * Named properties with an expectation. The checker decides what a discovery means from `kind`
 * alone and never looks at a property's id.
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

/** Every kind of property the checker understands. */
export type Property<S> = AlwaysProperty<S> | DeadlockFreeProperty;

/** Builds an invariant. */
export function always<S>(id: string, name: string, violation: (state: S) => string | undefined): AlwaysProperty<S> {
  return { kind: 'always', id, name, violation };
}

/** Builds the deadlock-freedom property. */
export function deadlockFree(id: string, name: string): DeadlockFreeProperty {
  return { kind: 'deadlockFree', id, name };
}
