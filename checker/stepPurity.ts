/**
 * Checks of the model contract's purity clause: a state is an Immutable value (or a primitive),
 * and `nextState` builds a new state without changing the one it is given. A step that breaks it
 * makes the search explore states that do not exist and rebuild traces that do not replay, so it
 * is reported as a model error naming the step.
 */
import { isImmutable } from 'immutable';
import type { Model } from '../model/Model.js';
import { fingerprint, type Encoder } from './fingerprint.js';
import type { Trace } from './Trace.js';

/** True for the values a state may be: Immutable collections and records, and primitives. */
export function isStateValue(value: unknown): boolean {
  return (
    value === null ||
    (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol') ||
    isImmutable(value)
  );
}

/** Throws unless `value` may be a state; `what` names it ("the state nextState() returned", "initial state 0"). */
export function requireStateValue(value: unknown, what: string): void {
  if (isStateValue(value)) return;
  throw new TypeError(
    `${what} is ${describeValue(value)}, not an Immutable value: states must be Immutable.js values ` +
      '(List, Map, Set, Record, …) or primitives, so that no step can change a state another one shares',
  );
}

/** The index of the first of `actions` whose `nextState` changes `state`'s encoding, or -1. */
export function mutatingStep<S, A>(model: Model<S, A>, state: S, actions: readonly A[], encode: Encoder<S>): number {
  for (let i = 0; i < actions.length; i++) {
    const before = fingerprint(state, encode);
    model.nextState(state, actions[i] as A);
    const after = fingerprint(state, encode);
    if (after.hi !== before.hi || after.lo !== before.lo) return i;
  }
  return -1;
}

/** What went wrong when a state changed while it was expanded: the guilty action's index (-1 if unknown) and the message. */
export interface Mutation {
  readonly index: number;
  readonly message: string;
}

/**
 * Names the step that changed `current` during its expansion. Each action is taken in turn on a
 * fresh copy that `pristineTrace` rebuilds by replay, watching the copy's encoding; when the change
 * reached the states a replay starts from (the replay then fails), on `current` itself, which
 * catches a step that changes its input again. Either way only a step seen changing its input is named.
 */
export function diagnoseMutation<S, A>(
  model: Model<S, A>,
  pristineTrace: () => Trace<S, A>,
  current: S,
  actions: readonly A[],
  encode: Encoder<S>,
): Mutation {
  for (const copy of [() => finalStateOf(pristineTrace()), () => current]) {
    try {
      const state = copy();
      const index = mutatingStep(model, state, actions, encode);
      if (index < 0) continue;
      const action = actions[index] as A;
      return { index, message: mutationMessage(model.formatAction?.(state, action) ?? String(action)) };
    } catch {
      // a replay that fails, or a step that throws on a changed state: try the next copy
    }
  }
  return { index: -1, message: mutationMessage(undefined) };
}

function finalStateOf<S, A>(trace: Trace<S, A>): S {
  return trace.steps.length === 0 ? trace.initial : trace.steps[trace.steps.length - 1]!.state;
}

/** The message of a step that changed the state it was given; `step` names it, when it is known. */
export function mutationMessage(step: string | undefined): string {
  const which = step === undefined ? 'one of the steps from this state' : `the step "${step}"`;
  return (
    `nextState() changed the state it was given: ${which} left it with a different encoding; ` +
    'a step must return a new state and leave its input unchanged (use Immutable updates, never mutate)'
  );
}

function describeValue(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (Array.isArray(value)) return 'an array';
  const name = (value as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'a plain object';
}
