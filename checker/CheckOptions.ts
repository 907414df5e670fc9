/** The bounds and switches of one run, with their defaults and validation in one place. */
import type { FairnessKind } from '../model/Fairness.js';
import type { Stats } from './Stats.js';
import type { CoverageTally } from './StatementCoverage.js';

/** Options of a check run; every bound carries its unit in its name. */
export interface CheckOptions {
  /** Stop with `incomplete: maxStates` once this many distinct states are stored. */
  readonly maxStates: number;
  /** Do not expand states at this depth; if any had successors the run is `incomplete: maxDepth`. */
  readonly maxDepth: number;
  /** Stop with `incomplete: timeout` after this many milliseconds of wall-clock time. */
  readonly timeoutMs: number;
  /** Stop with `incomplete: memory` once the process's resident memory reaches this many bytes. */
  readonly maxMemoryBytes?: number;
  /** Called about once a second with the statistics so far. */
  readonly onProgress?: (stats: Stats) => void;
  /**
   * Asked before every state the search visits (keep it cheap: the CLI reads a shared word), so a
   * search of large states stops within one state: true ends the run as `incomplete:
   * interrupted`, a reason (`interrupted`, `memory`, `timeout`) as incomplete for that reason.
   */
  readonly shouldStop?: () => boolean | 'interrupted' | 'memory' | 'timeout' | undefined;
  /** Store every state's full encoding instead of its fingerprint: no collision can hide a state (one thread only). */
  readonly exact?: boolean;
  /**
   * Check that steps keep the model contract: `nextState` returns an Immutable value (or a primitive)
   * and leaves its input unchanged (its encoding is compared once the state is expanded). Default: on.
   */
  readonly checkPurity?: boolean;
  /**
   * Statement coverage: the search adds to this tally how many transitions executed each statement,
   * with every search thread's counts once it has finished its part. Absent: nothing is counted.
   */
  readonly coverage?: CoverageTally;
  /**
   * Symmetry reduction, for a model with interchangeable parts (`Model.symmetry`): store one
   * representative state per orbit. Default: on. Off for a pass that needs every concrete state
   * (one that follows fairness per thread, say), or to compare.
   */
  readonly symmetry?: boolean;
  /** The fairness every group of actions gets for liveness properties, instead of the model's own. */
  readonly fairness?: FairnessKind;
}

export const DEFAULT_OPTIONS: CheckOptions = {
  maxStates: 100_000_000,
  maxDepth: 10_000,
  timeoutMs: 24 * 3600 * 1000,
  exact: false,
  checkPurity: true,
  symmetry: true,
};
