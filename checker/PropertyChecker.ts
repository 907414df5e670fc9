/**
 * Decides what a state means for the properties: the checker looks at a property's `kind` only.
 * The hot path (`invariantsHold`) allocates nothing; the full list of violations is computed
 * again, once, for the state that ends the search (properties are pure).
 */
import type { Model } from '../model/Model.js';
import type { AlwaysProperty, Property } from '../model/Property.js';
import type { Violation } from './Outcome.js';

/** The message of a deadlock-freedom violation. */
export const DEADLOCK_MESSAGE = 'no thread can move: no action is enabled and the model does not call this state final';

/** Evaluates a model's properties at a state. */
export class PropertyChecker<S> {
  private readonly invariants: readonly AlwaysProperty<S>[];
  /** True when the model has a deadlock-freedom property. */
  readonly watchesDeadlock: boolean;

  constructor(
    private readonly model: Pick<Model<S, unknown>, 'isFinal'>,
    private readonly properties: readonly Property<S>[],
  ) {
    this.invariants = properties.filter((p): p is AlwaysProperty<S> => p.kind === 'always');
    this.watchesDeadlock = properties.some((p) => p.kind === 'deadlockFree');
  }

  /** True when no `always` property is violated at `state`. */
  invariantsHold(state: S): boolean {
    const invariants = this.invariants;
    for (let i = 0; i < invariants.length; i++) {
      if ((invariants[i] as AlwaysProperty<S>).violation(state) !== undefined) return false;
    }
    return true;
  }

  /** True when `state`, with `actionCount` enabled actions, violates deadlock freedom. */
  isDeadlock(state: S, actionCount: number): boolean {
    return this.watchesDeadlock && actionCount === 0 && this.model.isFinal?.(state) !== true;
  }

  /** Every property violated at `state`, in `properties()` order. */
  violationsAt(state: S, deadlocked: boolean): Violation[] {
    const violations: Violation[] = [];
    for (const property of this.properties) {
      const message = property.kind === 'always' ? property.violation(state) : deadlocked ? DEADLOCK_MESSAGE : undefined;
      if (message !== undefined) violations.push({ propertyId: property.id, propertyName: property.name, message });
    }
    return violations;
  }
}
