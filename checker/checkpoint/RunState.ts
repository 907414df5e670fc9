/**
 * Everything a breadth-first search needs to go on from a level boundary, as one value: the level
 * to expand next with the counts so far (a `LevelHandoff`, the form a one-thread search already
 * hands its level to the parallel search in), the fingerprints of every stored state, and the
 * trace links of every stored state. A checkpoint file holds one; a later distributed search is to
 * keep the same three parts in its store. Nothing here depends on how the run state is kept.
 */
import type { LevelHandoff } from '../LevelHandoff.js';

/**
 * The fingerprints of the stored states, as a seen set's table holds them: (hi, lo) word pairs,
 * (0, 0) for an empty slot, `count` of them in use. `keep`, when given, leaves out the pairs it
 * refuses (a search rolled back to the start of the level it was stopped in).
 */
export interface SavedFingerprints {
  readonly words: Uint32Array;
  readonly count: number;
  /** 64 (the one-thread seen set) or 63 (the parallel one, whose low word's top bit marks claims). */
  readonly bits: FingerprintBits;
  readonly keep?: (hi: number, lo: number) => boolean;
}

/** How many bits of each fingerprint a seen set keeps. */
export type FingerprintBits = 63 | 64;

/** The trace link of each stored state, by id (`TraceStore` is one). */
export interface SavedLinks {
  /** The parent id of state `id`, or ROOT_PARENT for an initial state. */
  parentOf(id: number): number;
  /** The action index that led to state `id` (for an initial state: its initial-state index). */
  actionOf(id: number): number;
}

/**
 * A search's state at a level boundary: `level.distinct` states stored (ids 0 … distinct − 1),
 * their fingerprints and links, and the level of `level.count` states still to expand, at depth
 * `level.depth`.
 */
export interface RunState {
  readonly level: LevelHandoff;
  readonly fingerprints: SavedFingerprints;
  readonly links: SavedLinks;
}

/** Where a search sends its run state at level boundaries (a checkpoint directory, say). */
export interface LevelCheckpoints {
  /** Whether a run state is wanted at this level boundary (cheap: asked once a level). */
  due(): boolean;
  /** Saves `state`; called when `due()` said so, and once more when the run stops before its end. */
  save(state: RunState): void;
}
