/**
 * How a walk holds its current state and takes one step from it: the one part of a walk that
 * depends on the model's form, as `Expansion` is for the search. A model with a packed form walks
 * over encodings and decodes only the states its form flags (`PackedStepper`); any other model
 * walks over its own values (`ValueStepper`). Either way the action indices are those of
 * `Model.actions`, so a walk taken in one form replays on the model's values.
 */
import type { Model } from '../../model/Model.js';
import type { PackedExpander } from '../../model/PackedExpander.js';
import { IntBuffer, IntReader } from '../../model/IntBuffer.js';
import { FingerprintHasher, type Encoder } from '../fingerprint.js';
import { initialStatesOf, requireActions, requireNextState } from '../modelContract.js';
import { requireStateValue } from '../stepPurity.js';
import { searchFormOf } from '../search/SearchForm.js';
import { nameKey } from './WalkRandom.js';

/** The current state of a walk and the steps out of it. */
export interface WalkStepper<S> {
  /** How many initial states the model has. */
  readonly initialCount: number;
  /** Makes initial state `index` the current state. */
  start(index: number): void;
  /** False when the current state lies outside the model's boundary: it is neither checked nor left. */
  withinBoundary(): boolean;
  /** Fingerprints the current state into `hasher` (its `hi` and `lo`). */
  fingerprint(hasher: FingerprintHasher): void;
  /** False only when the current state certainly violates no property. */
  needsCheck(): boolean;
  /** The current state as the model's properties see it. */
  state(): S;
  /** How many actions are enabled in the current state. */
  actionCount(): number;
  /** A stable integer naming the thread of the `k`-th enabled action (for swarm weights); `k` when the model has no threads. */
  threadOf(k: number): number;
  /** Takes the `k`-th enabled action: its successor becomes the current state. */
  take(k: number): void;
}

/** The stepper of `model`'s form (packed when it has a packed form the search would use). */
export function stepperOf<S, A>(model: Model<S, A>): WalkStepper<S> {
  const form = searchFormOf(model);
  return form.kind === 'packed' ? new PackedStepper(model, form.expander) : new ValueStepper(model, form.encode);
}

/** Walks over encodings through the model's packed form. */
class PackedStepper<S, A> implements WalkStepper<S> {
  private readonly initials: Int32Array[];
  private current = new IntBuffer(256);
  private next = new IntBuffer(256);
  private decoded: S | undefined;

  constructor(
    private readonly model: Model<S, A>,
    private readonly expander: PackedExpander,
  ) {
    this.initials = initialStatesOf(model).map((state) => {
      const buffer = new IntBuffer(256);
      model.encode!(state, buffer);
      return buffer.data.slice(0, buffer.length);
    });
  }

  get initialCount(): number {
    return this.initials.length;
  }

  start(index: number): void {
    const initial = this.initials[index]!;
    this.current.clear();
    this.current.grow(initial.length);
    this.current.data.set(initial);
    this.current.length = initial.length;
    this.load();
  }

  withinBoundary(): boolean {
    return true; // a model with a boundary has no packed form the search uses: see searchFormOf
  }

  fingerprint(hasher: FingerprintHasher): void {
    hasher.ints(this.current.data, 0, this.current.length);
  }

  needsCheck(): boolean {
    return this.expander.needsCheck();
  }

  state(): S {
    this.decoded ??= this.model.decode!(new IntReader(this.current.data, 0, this.current.length));
    return this.decoded;
  }

  actionCount(): number {
    return this.expander.actionCount;
  }

  threadOf(k: number): number {
    return this.expander.actionThread?.(k) ?? k;
  }

  take(k: number): void {
    this.next.clear();
    this.expander.successor(k, this.next);
    [this.current, this.next] = [this.next, this.current];
    this.load();
  }

  private load(): void {
    this.decoded = undefined;
    this.expander.load(this.current.data, 0, this.current.length);
  }
}

/**
 * Walks over the model's values through `actions` and `nextState`, with the contract checks of the
 * search: actions() an array, nextState() an Immutable value, and a step that changes the state
 * it was given (found by fingerprinting the state before and after) a model error.
 */
class ValueStepper<S, A> implements WalkStepper<S> {
  private readonly initials: readonly S[];
  private current: S;
  private actions: readonly A[] | undefined;
  private readonly names = new Map<string, number>(); // thread name → its key, memoised
  private readonly before = { hi: 0, lo: 0 }; // the current state's fingerprint, taken by fingerprint()
  private readonly after = new FingerprintHasher();

  constructor(
    private readonly model: Model<S, A>,
    private readonly encode: Encoder<S>,
  ) {
    this.initials = initialStatesOf(model);
    this.current = this.initials[0] as S;
  }

  get initialCount(): number {
    return this.initials.length;
  }

  start(index: number): void {
    this.current = this.initials[index] as S;
    this.actions = undefined;
  }

  withinBoundary(): boolean {
    return this.model.withinBoundary === undefined || this.model.withinBoundary(this.current);
  }

  fingerprint(hasher: FingerprintHasher): void {
    hasher.reset();
    this.encode(this.current, hasher);
    hasher.finish();
    this.before.hi = hasher.hi;
    this.before.lo = hasher.lo;
  }

  needsCheck(): boolean {
    return true;
  }

  state(): S {
    return this.current;
  }

  actionCount(): number {
    if (this.actions === undefined) {
      const actions = this.model.actions(this.current);
      requireActions(actions);
      this.actions = actions;
    }
    return this.actions.length;
  }

  threadOf(k: number): number {
    const view = this.model.actionView;
    if (view === undefined) return k;
    const name = view.call(this.model, this.current, this.actions![k] as A).thread;
    let key = this.names.get(name);
    if (key === undefined) {
      key = nameKey(name);
      this.names.set(name, key);
    }
    return key;
  }

  // `fingerprint` ran on the current state before this step: a step that changed it shows here.
  take(k: number): void {
    const state = this.current;
    const next = this.model.nextState(state, this.actions![k] as A);
    requireNextState(next);
    requireStateValue(next, 'the state nextState() returned');
    const after = this.after;
    after.reset();
    this.encode(state, after);
    after.finish();
    if (after.hi !== this.before.hi || after.lo !== this.before.lo)
      throw new Error(
        'the step changed the state it was given: nextState() must build a new state and leave its input unchanged',
      );
    this.current = next;
    this.actions = undefined;
  }
}
