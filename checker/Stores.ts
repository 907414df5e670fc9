/**
 * The three stores of a search, each behind a small interface so that a parallel or disk-backed
 * explorer can replace one without touching the others: the frontier (states still to expand),
 * the seen set (fingerprints only) and the trace links (parent id and action index per state).
 * The parallel search's workers insert into a seen set that ranks discoveries instead
 * (`RankedSeenSet`), which keeps each level's outcome that of a one-thread search.
 */
import type { SuccessorBatch } from './SuccessorBatch.js';

/**
 * Fingerprints of every stored state. Ids are dense and handed out in insertion order; the set
 * need not keep them, so it answers membership only.
 */
export interface SeenSet {
  /** Number of stored fingerprints. */
  readonly size: number;
  /** Bytes held. */
  readonly bytes: number;
  /** Stores the fingerprint and returns its new id, or -1 when it was already present. */
  insert(hi: number, lo: number): number;
  /** Whether the fingerprint is stored. */
  has(hi: number, lo: number): boolean;
  /**
   * Reads the memory an insertion of this fingerprint will probe first, and returns what it read
   * (for the caller to keep, so that the read is not optimised away): issued some work ahead of
   * the insertion, the read's cache miss overlaps that work instead of stalling the insertion.
   */
  warm?(hi: number): number;
}

/** What an insertion into a `RankedSeenSet` found. */
export const enum Insert {
  /** The fingerprint was absent: this caller stored it and holds the lowest rank so far. */
  New = 0,
  /** Present from an earlier level: nothing to do. */
  Old = 1,
  /** Present from this level, and this caller's rank is the lowest so far. */
  Won = 2,
  /** Present from this level, with a lower rank than this caller's. */
  Lost = 3,
  /** The level's claim list is full: the level must be run again with a larger one. */
  Full = 4,
}

/**
 * Fingerprints of the states of finished levels, and claims on those of the level in progress,
 * into which many threads insert at once. Each insertion comes with a rank, the order in which a
 * one-thread search would have met that successor; a state found more than once in a level is
 * claimed by its lowest-ranked discoverer, whatever the number of threads or their timing, so the
 * states kept, and their parents, are those a one-thread search keeps. Claims become stored
 * states when the level ends.
 */
export interface RankedSeenSet {
  /** Number of stored fingerprints, with the claims of the level in progress published so far. */
  readonly size: number;
  /** Bytes held. */
  readonly bytes: number;
  /** The claim of the last insertion that found `New` or `Won`: where the level's merge reads the lowest rank. */
  readonly lastClaim: number;
  /** Inserts a fingerprint discovered with `rank` (> 0). */
  insert(hi: number, lo: number, rank: number): Insert;
  /** Whether the fingerprint is stored by a finished level. */
  has(hi: number, lo: number): boolean;
  /** As `SeenSet.warm`: reads the memory an insertion of this fingerprint will probe first. */
  warm(hi: number): number;
}

/** How a stored state was reached: its root's initial-state index, then one action index per step. */
export interface TraceIndices {
  readonly initialIndex: number;
  readonly actionIndices: readonly number[];
  /** The state ids along the trace, the root first: `actionIndices.length + 1` of them. */
  readonly stateIds: readonly number[];
}

/**
 * Parent links by state id, from which a trace to any stored state is rebuilt. A breadth-first
 * search gives ids in level order and adds each level's links after the previous level's, which
 * lets a store keep a link in 4 bytes (see TraceStore); other orders are accepted at 6 bytes.
 */
export interface TraceLinks {
  /** Bytes held. */
  readonly bytes: number;
  /** Records state `id` as the initial state `initialIndex`. */
  addRoot(id: number, initialIndex: number): void;
  /** Records that state `id` was reached from `parentId` by its `actionIndex`-th action. */
  addLink(id: number, parentId: number, actionIndex: number): void;
  /** Walks back from `id` to its root. */
  rebuild(id: number): TraceIndices;
}

/**
 * The states of the current breadth-first level and those discovered for the next one. A frontier
 * is made for one expansion: it loads its states into it, and takes the successors it built.
 */
export interface Frontier<S> {
  /** States in the current level. */
  readonly levelSize: number;
  /** States discovered so far for the next level. */
  readonly nextSize: number;
  /** Makes the next level current and returns its size. */
  advance(): number;
  /** The state id of the `index`-th state of the current level. */
  idAt(index: number): number;
  /** Loads the `index`-th state of the current level into the expansion. */
  load(index: number): void;
  /** Adds initial state `state`, whose encoding is `data[start…end)`, to the next level as `id`. */
  keepInitial(state: S, data: Int32Array, start: number, end: number, id: number): void;
  /** Adds successor `k` of `batch`, the last one the expansion built, to the next level as `id`. */
  keep(batch: SuccessorBatch, k: number, id: number): void;
}
