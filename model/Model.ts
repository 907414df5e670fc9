/**
 * The contract between a model and the checker. The checker relies on exactly this: transitions are
 * pure functions of Immutable.js values, and `actions()` lists the same actions in the same order for
 * equal states, because traces are stored as action indices and rebuilt by replay.
 */
import type { Property } from './Property.js';
import type { EncodeSink } from './EncodeSink.js';
import type { DecodeSource } from './DecodeSource.js';
import type { ActionView, StateView } from './ActionView.js';
import type { PackedExpander } from './PackedExpander.js';
import type { Statement } from './Statement.js';
import type { ModelSymmetry } from './ModelSymmetry.js';
import type { Fairness } from './Fairness.js';

/** A finite transition system over states `S` with actions `A`. */
export interface Model<S, A> {
  /** The initial states, in a fixed order: at least one (a model without any has nothing to check). */
  initStates(): readonly S[];
  /** The actions enabled in `state`; equal states list equal actions in the same order. */
  actions(state: S): readonly A[];
  /** The state after taking `action` in `state` (never undefined); pure, never mutates `state`. */
  nextState(state: S, action: A): S;
  /** The properties to check, in reporting priority order. */
  properties(): readonly Property<S>[];
  /** False for states the search must neither check nor expand (outside the bounded space). */
  withinBoundary?(state: S): boolean;
  /** True when a state without enabled actions is a proper end and not a deadlock. */
  isFinal?(state: S): boolean;
  /** One-line description of `action` taken in `state`, for traces. */
  formatAction?(state: S, action: A): string;
  /**
   * Canonical encoding of `state` (default: generic): equal states must append equal sequences, and
   * different states different ones, since the search keeps one state per encoding.
   */
  encode?(state: S, sink: EncodeSink): void;
  /**
   * Rebuilds a state from what `encode` wrote: `decode(encode(s))` must equal `s`. States cross
   * worker threads encoded, so the parallel explorer needs it; without it the search runs on one thread.
   */
  decode?(source: DecodeSource): S;
  /** Who took `action` in `state` and which statement it stands for, for structured traces. */
  actionView?(state: S, action: A): ActionView;
  /**
   * Every statement an action may stand for, as `actionView` names them (its `fn` and `code`),
   * each once, in program order. With it, statement coverage (`check --coverage`) can list the
   * statements no transition executed; without it, only those executed are known.
   */
  statements?(): readonly Statement[];
  /** A flat named view of `state`; traces show the fields that change from step to step. */
  describe?(state: S): StateView;
  /**
   * A compiled form that expands encoded states without building `S` values (needs `encode` and
   * `decode`), equivalent to `actions`/`nextState`; undefined when the model has none. The search
   * uses it for speed; each call returns an expander of its own.
   */
  packed?(): PackedExpander | undefined;
  /**
   * The model's interchangeable parts (threads of one kind, identical processes), if it has any:
   * the search then stores one representative state per orbit, which can divide the states stored
   * by up to the factorial of a group's size (see ModelSymmetry for what makes it sound). Traces
   * stay concrete: a counterexample is rebuilt as steps of real threads of this model. Undefined,
   * or no method: no reduction. A packed form must then write representatives too
   * (`PackedExpander.reduceSymmetry`), or the search expands the model's values.
   */
  symmetry?(): ModelSymmetry<S> | undefined;
  /**
   * For liveness: the groups fairness is given to (a program's threads), in a fixed order. A model
   * without it is grouped by the thread `actionView` names, or is one group when it has no view.
   */
  fairnessGroups?(): readonly string[];
  /**
   * The index in `fairnessGroups()` of the group `action` belongs to. A packed form's
   * `actionThread(k)` must give the same number for the `k`-th action.
   */
  fairnessGroup?(state: S, action: A): number;
  /** For liveness: how fairly each group is scheduled (default: none, every run counts). */
  fairness?(): Fairness;
}
