/**
 * Decides what a state means for the properties: the checker looks at a property's `kind` only.
 * The hot path (`invariantsHold`) allocates nothing; the full list of violations is computed
 * again, once, for the state that ends the search (properties are pure). `sometimes` and
 * `eventually` properties are numbered in `properties()` order, each kind on its own, and a set of
 * them travels as a bit mask (bit i: the i-th of that kind), so at most 32 of each kind.
 */
import type { Model } from '../model/Model.js';
import {
  isLiveness,
  type AlwaysProperty,
  type EventuallyProperty,
  type LivenessProperty,
  type Property,
  type SometimesProperty,
} from '../model/Property.js';
import type { Violation } from './Outcome.js';
import { holdsResult, invariantReason } from './modelContract.js';

/** The message of a deadlock-freedom violation. */
export const DEADLOCK_MESSAGE = 'no thread can move: no action is enabled and the model does not call this state final';

/** The message of an `eventually` violation: the trace ends without passing a state where it holds. */
export const EVENTUALLY_MESSAGE =
  'the trace ends here (no action is enabled) and the property held at none of its states';

/** The message of a `sometimes` property that a complete search never saw hold. */
export const NO_WITNESS_MESSAGE = 'no reachable state satisfies it: the complete search found no witness';

/** The most properties of one mask-tracked kind (`sometimes`, `eventually`) a model may have. */
export const MAX_MASKED_PROPERTIES = 32;

/** Evaluates a model's properties at a state. */
export class PropertyChecker<S> {
  private readonly invariants: readonly AlwaysProperty<S>[];
  /** True when the model has a deadlock-freedom property. */
  readonly watchesDeadlock: boolean;
  /** The `sometimes` properties, in `properties()` order: bit i of a witness mask is the i-th. */
  readonly reachability: readonly SometimesProperty<S>[];
  /**
   * The `eventually` properties, in `properties()` order: bit i of an eventually mask is the i-th.
   * Only a simulation judges them here, on the walks that end; a search judges them on its graph.
   */
  readonly terminal: readonly EventuallyProperty<S>[];
  /** The liveness properties (`eventually`, `leadsTo`), in `properties()` order: judged on the state graph. */
  readonly liveness: readonly LivenessProperty<S>[];
  /** The mask with a bit for every `eventually` property. */
  readonly allTerminal: number;

  constructor(
    private readonly model: Pick<Model<S, unknown>, 'isFinal'>,
    private readonly properties: readonly Property<S>[],
  ) {
    this.invariants = properties.filter((p): p is AlwaysProperty<S> => p.kind === 'always');
    this.watchesDeadlock = properties.some((p) => p.kind === 'deadlockFree');
    this.reachability = properties.filter((p): p is SometimesProperty<S> => p.kind === 'sometimes');
    this.terminal = properties.filter((p): p is EventuallyProperty<S> => p.kind === 'eventually');
    this.liveness = properties.filter(isLiveness);
    for (const group of [this.reachability, this.terminal]) {
      if (group.length > MAX_MASKED_PROPERTIES) {
        throw new RangeError(
          `the model has ${group.length} ${group[0]!.kind} properties; at most ${MAX_MASKED_PROPERTIES} are supported`,
        );
      }
    }
    this.allTerminal = maskOf(this.terminal.length);
  }

  /** True when no `always` property is violated at `state`. */
  invariantsHold(state: S): boolean {
    const invariants = this.invariants;
    for (let i = 0; i < invariants.length; i++) {
      const invariant = invariants[i] as AlwaysProperty<S>;
      const reason = invariant.violation(state);
      // Checked only off the hot path: a check that returns true or null is a model error, not a violation.
      if (reason !== undefined) return invariantReason(invariant, reason) === undefined;
    }
    return true;
  }

  /** True when `state`, with `actionCount` enabled actions, violates deadlock freedom. */
  isDeadlock(state: S, actionCount: number): boolean {
    return this.watchesDeadlock && actionCount === 0 && this.model.isFinal?.(state) !== true;
  }

  /** The `sometimes` properties among `pending` (a mask) that `state` witnesses, as a mask. */
  witnessesAt(state: S, pending: number): number {
    let found = 0;
    for (let i = 0; i < this.reachability.length; i++) {
      const bit = 1 << i;
      if ((pending & bit) === 0) continue;
      const property = this.reachability[i] as SometimesProperty<S>;
      const holds = property.holds(state);
      // true or false; anything else is a model error, not a witness (nor the lack of one).
      if (holds === true || (holds !== false && holdsResult(property, holds))) found |= bit;
    }
    return found >>> 0;
  }

  /** The `eventually` properties that hold at `state`, as a mask. */
  terminalAt(state: S): number {
    let held = 0;
    for (let i = 0; i < this.terminal.length; i++) {
      const property = this.terminal[i] as EventuallyProperty<S>;
      const holds = property.holds(state);
      if (holds === true || (holds !== false && holdsResult(property, holds))) held |= 1 << i;
    }
    return held >>> 0;
  }

  /** Every property violated at `state`, in `properties()` order; `unmet`: the mask of `eventually` properties the trace to it never satisfied, when it is terminal. */
  violationsAt(state: S, deadlocked: boolean, unmet = 0): Violation[] {
    const violations: Violation[] = [];
    for (const property of this.properties) {
      const message = this.messageAt(property, state, deadlocked, unmet);
      if (message !== undefined) violations.push({ propertyId: property.id, propertyName: property.name, message });
    }
    return violations;
  }

  /** The `sometimes` properties not in `found` (a mask): each a violation of the whole search. */
  unwitnessed(found: number): Violation[] {
    return this.reachability
      .filter((_p, i) => (found & (1 << i)) === 0)
      .map((p) => ({ propertyId: p.id, propertyName: p.name, message: NO_WITNESS_MESSAGE, noWitness: true as const }));
  }

  private messageAt(property: Property<S>, state: S, deadlocked: boolean, unmet: number): string | undefined {
    switch (property.kind) {
      case 'always':
        return invariantReason(property, property.violation(state));
      case 'deadlockFree':
        return deadlocked ? DEADLOCK_MESSAGE : undefined;
      case 'eventually':
        return (unmet & (1 << this.terminal.indexOf(property))) !== 0 ? EVENTUALLY_MESSAGE : undefined;
      case 'sometimes':
        return undefined; // a fact about the whole search, never about one state: see unwitnessed()
      case 'leadsTo':
        return undefined; // about runs, judged on the state graph: see checker/liveness/
    }
  }
}

/** The mask with the lowest `count` bits set. */
function maskOf(count: number): number {
  return count >= 32 ? 0xffff_ffff : (1 << count) - 1;
}
