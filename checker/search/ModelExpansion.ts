/**
 * The expansion of a model through its own `actions` and `nextState`: each successor is built as
 * the model's value, then encoded. The values are kept beside the encodings, so a frontier that
 * holds values (a model without `decode`) takes them from here instead of decoding.
 */
import type { Model } from '../../model/Model.js';
import type { IntSink } from '../../model/IntSink.js';
import { IntReader } from '../../model/IntBuffer.js';
import type { EncodingAudit } from '../EncodingAudit.js';
import { FingerprintHasher, type Encoder } from '../fingerprint.js';
import { requireActions, requireNextState } from '../modelContract.js';
import { diagnoseMutation, requireStateValue } from '../stepPurity.js';
import type { Trace } from '../Trace.js';
import { countViews, type StatementCounter } from '../StatementCoverage.js';
import type { Expansion, ExpansionFailure } from './Expansion.js';

/** What a model expansion needs besides the model. */
export interface ModelExpansionOptions<S, A> {
  /** The canonical encoding the search stores and fingerprints. */
  readonly encode: Encoder<S>;
  /** The audit of the model's own `encode`, shared with the initial states (undefined: none). */
  readonly audit: EncodingAudit<S> | undefined;
  /** With `checkPurity`: every successor must be an Immutable value, and no step may change its input. */
  readonly checkPurity: boolean;
  /** The trace to a stored state, to name the step that changed its input. */
  readonly traceTo: (id: number) => Trace<S, A>;
  /** With symmetry reduction: the state stored for a successor (its representative). */
  readonly stored?: ((state: S) => S) | undefined;
}

/** Expands the model's values one at a time; one per search thread. */
export class ModelExpansion<S, A> implements Expansion<S, A> {
  private current: S | undefined;
  private actions: readonly A[] | undefined;
  private successors: S[] = [];
  private readonly hasher = new FingerprintHasher();
  private before = { hi: 0, lo: 0, taken: false }; // the loaded state's fingerprint, with checkPurity

  constructor(
    private readonly model: Model<S, A>,
    private readonly options: ModelExpansionOptions<S, A>,
  ) {}

  /** Loads a state held as the model's value. */
  loadState(state: S): void {
    this.current = state;
    this.actions = undefined;
    this.before.taken = false;
  }

  loadEncoded(data: Int32Array, start: number, end: number): void {
    this.loadState(this.model.decode!(new IntReader(data, start, end)));
  }

  withinBoundary(): boolean {
    return this.model.withinBoundary === undefined || this.model.withinBoundary(this.current as S);
  }

  needsCheck(): boolean {
    return true;
  }

  state(): S {
    return this.current as S;
  }

  // Asked only once the invariants are known: a state that breaks one is reported even when its actions() throws.
  actionCount(): number {
    if (this.actions === undefined) {
      const actions = this.model.actions(this.current as S);
      requireActions(actions);
      this.actions = actions;
    }
    return this.actions.length;
  }

  successor(k: number, out: IntSink): void {
    const state = this.current as S;
    if (k === 0 && this.options.checkPurity) this.fingerprintBefore(state);
    const built = this.model.nextState(state, this.actions![k] as A);
    requireNextState(built);
    if (this.options.audit?.pending) this.options.audit.check(built);
    const next = this.options.stored ? this.options.stored(built) : built;
    this.options.encode(next, out);
    if (this.options.checkPurity) requireStateValue(next, 'the state nextState() returned');
    this.successors[k] = next;
  }

  /** The value of successor `k` built from the loaded state (released by the next expansion). */
  successorState(k: number): S {
    const state = this.successors[k] as S;
    this.successors[k] = undefined as S;
    return state;
  }

  countStatements(count: number, counter: StatementCounter): void {
    countViews(this.model, this.current as S, this.actions ?? [], count, counter);
  }

  // Fingerprinted before and after expanding (the seen set keeps no states): a step that changed its input shows up here.
  finishExpansion(parentId: number): ExpansionFailure | undefined {
    if (!this.before.taken) return undefined;
    const { hi, lo } = this.before;
    this.fingerprintBefore(this.current as S);
    if (this.before.hi === hi && this.before.lo === lo) return undefined;
    const { model, options } = this;
    const actions = this.actions!;
    const mutation = diagnoseMutation(
      model,
      () => options.traceTo(parentId),
      this.current as S,
      actions,
      options.encode,
    );
    return { actionIndex: mutation.index, message: mutation.message };
  }

  actionAt(k: number): A | undefined {
    return this.actions?.[k];
  }

  private fingerprintBefore(state: S): void {
    const hasher = this.hasher;
    hasher.reset();
    this.options.encode(state, hasher);
    hasher.finish();
    this.before = { hi: hasher.hi, lo: hasher.lo, taken: true };
  }
}
