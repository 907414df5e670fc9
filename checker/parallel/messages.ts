/** The messages between the coordinating thread and the search workers, and the shared control words. */
import type { ModelSource } from './ModelSource.js';
import type { GrowMessage, GrownMessage } from './TableGrowth.js';
import type { StatementCount } from '../StatementCoverage.js';

/** Indices of the shared control array (Int32Array over a SharedArrayBuffer). */
export const enum Control {
  /** Why workers must stop now: one of `StopReason`, 0 to go on. */
  Stop = 0,
  /** The lowest level position found violating a property so far. */
  BestViolation = 1,
  /** Successors generated so far in the whole run (for progress). */
  Generated = 2,
  /** No worker expands a position past this one: the lowest where a violation was found or a step threw. */
  StopBeyond = 3,
  Size = 4,
}

/** Why a level was cut short. */
export const enum StopReason {
  None = 0,
  /** Timeout, interrupt or memory: the coordinator decides which. */
  Requested = 1,
  /** The level's claim list is full: run the level again with a larger one. */
  Full = 2,
  /** The state bound was reached. */
  MaxStates = 3,
}

/** No violation found yet in this level. */
export const NO_VIOLATION = 0x7fff_ffff;

/** Ranks are `position * RANK_ACTIONS + action + 1`; so at most this many actions per state. */
export const RANK_ACTIONS = 64;
/** And at most this many states per level (ranks fit in 32 bits). */
export const MAX_LEVEL_SIZE = Math.floor(0xffff_ffff / RANK_ACTIONS) - 1;

/** The shared memory of a `SharedSeenSet`, as posted to workers. */
export interface SeenBuffers {
  /** Fingerprints: (hi, lo) word pairs. */
  readonly table: SharedArrayBuffer;
  /** The current level's claims: (lo, rank, slot) word triples. */
  readonly claims: SharedArrayBuffer;
  /** The counters, Int32 words indexed by `Meta` (see `ClaimList`): claims of the current level published by the workers (for progress and the state bound), states of finished levels, claims the level may take, and the first claim index no block has taken yet. */
  readonly meta: SharedArrayBuffer;
  /**
   * How many times the table, and the claim list, have been replaced. A buffer posted to a worker
   * arrives as a new object every time, so these, not object identity, tell a worker that it was
   * sent new memory rather than the same memory again.
   */
  readonly tableVersion: number;
  readonly claimsVersion: number;
}

/** Sets a worker up. */
export interface InitMessage {
  readonly type: 'init';
  readonly source: ModelSource;
  readonly control: SharedArrayBuffer;
  readonly maxStates: number;
  /** Count statement coverage: each level's result then carries the worker's counts of that level. */
  readonly coverage: boolean;
  /** Store representatives (symmetry reduction), as the search that started the workers does. */
  readonly symmetry: boolean;
}

/** Expands positions [start, end) of a level. */
export interface LevelMessage {
  readonly type: 'level';
  /** The depth of the level's states: a worker writes its discoveries to the buffer of this parity. */
  readonly depth: number;
  readonly expand: boolean;
  readonly start: number;
  readonly end: number;
  /** Triples (segment, offset, state id) per position. */
  readonly entries: SharedArrayBuffer;
  /** Encoded states: per segment, records of (length, integers…). */
  readonly segments: readonly SharedArrayBuffer[];
  readonly seen: SeenBuffers;
  /** Every worker is sent the same range and claims chunks of it through this shared counter (positions past `start`). */
  readonly cursor: SharedArrayBuffer;
  /** Positions in a chunk (see `chunkSize`). */
  readonly chunk: number;
  /**
   * Successors generated in each chunk (Int32 per chunk), written when the chunk is done: a level
   * cut short by the state bound counts them only up to where a one-thread search would have stopped.
   */
  readonly chunkGenerated: SharedArrayBuffer;
}

/** What a worker found in its part of a level. */
export interface LevelResult {
  readonly type: 'level';
  /** Quintuples (rank, claim index, parent id, action index, offset in `segment`) in rank order, in the worker's shared buffer. */
  readonly candidates: Int32Array;
  readonly candidateCount: number;
  readonly segment: SharedArrayBuffer;
  readonly generated: number;
  /** Positions of the level this worker checked and expanded (all of its share, unless the run was stopped). */
  readonly visited: number;
  /** A state at the depth bound had successors that were not explored. */
  readonly cutOff: boolean;
  readonly error?: WorkerError;
  /** With coverage: how many of this worker's transitions of the level executed each statement. */
  readonly coverage?: readonly StatementCount[];
}

/** An exception thrown by the model inside a worker. */
export interface WorkerError {
  readonly message: string;
  readonly stack?: string;
  /** The level position of the state being checked or expanded. */
  readonly position: number;
  /** The action index being taken, or -1. */
  readonly actionIndex: number;
}

export type ToWorker = InitMessage | LevelMessage | GrowMessage | { readonly type: 'close' };
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'initError'; readonly message: string }
  | LevelResult
  | GrownMessage;
