/**
 * The three stores of a search, each behind a small interface so that a parallel or disk-backed
 * explorer can replace one without touching the others: the frontier (states still to expand),
 * the seen set (fingerprints only) and the trace links (parent id and action index per state).
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
