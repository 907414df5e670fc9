/**
 * A batch of walks of a simulation and what it ends with, as plain data that crosses threads. A
 * batch is a range of walk numbers; since walk N's random choices depend only on the seed and N,
 * a batch gives the same result on any thread, and a run split into batches gives the same result
 * whatever runs them and in whatever order they end.
 */
import type { IncompleteReason } from '../Outcome.js';

/** How walks choose among the enabled steps. */
export type WalkMode = 'uniform' | 'swarm';

/** What every walk of a run shares. */
export interface WalkPlan {
  /** The run's seed: walk N's random stream is a function of (seed, N). */
  readonly seed: number;
  /** The most steps a walk takes; a walk that reaches it just ends. */
  readonly maxDepth: number;
  /** `uniform`: every enabled step equally likely; `swarm`: weighed by per-walk random thread priorities. */
  readonly mode: WalkMode;
}

/** Walks `first` to `first + count - 1` of a plan (walks are numbered from 1). */
export interface WalkBatch extends WalkPlan {
  readonly first: number;
  readonly count: number;
}

/** A walk that ended in a violation or a model error: enough to take it again on another thread. */
export interface FoundWalk {
  /** The walk's number. */
  readonly walk: number;
  readonly kind: 'violation' | 'modelError';
  /** The initial state it started from, as an index into `initStates()`. */
  readonly initial: number;
  /** The action index of each step it took, up to the state that violates (or that raised the error). */
  readonly path: readonly number[];
  /** For a model error: what was raised, and the index of the action being taken (-1 when none was). */
  readonly message?: string;
  readonly actionIndex?: number;
}

/** What a batch of walks ends with. */
export interface BatchSummary {
  readonly kind: 'walks';
  /** Walks run to their end: up to and including the first that found something. */
  readonly walks: number;
  /** Steps taken by those walks. */
  readonly steps: number;
  /** The most steps one of them took. */
  readonly deepest: number;
  /** The fingerprints of the states they visited, each once: (hi, lo) pairs. */
  readonly fingerprints: Uint32Array;
  /** The first walk of the batch that found a violation or a model error; the batch ends with it. */
  readonly found?: FoundWalk;
  /** Set when the batch was asked to stop before its last walk. */
  readonly stopped?: IncompleteReason;
  /** A model that could not be built or checked at all (no walk could start). */
  readonly failure?: string;
}
