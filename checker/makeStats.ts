/** Builds the statistics of a run from its raw counts, deriving the rates and the collision estimate. */
import type { Stats } from './CheckOptions.js';

const TWO_TO_64 = 2 ** 64;

/** The raw counts a Stats record is derived from. */
export interface StatsCounts {
  readonly generated: number;
  readonly distinct: number;
  readonly depth: number;
  readonly queue: number;
  readonly elapsedMs: number;
  readonly storeBytes: number;
}

/** Statistics with `statesPerSecond` and `collisionProbability` derived from the counts. */
export function makeStats(counts: StatsCounts): Stats {
  const { generated, distinct, elapsedMs } = counts;
  return {
    ...counts,
    statesPerSecond: elapsedMs > 0 ? (distinct * 1000) / elapsedMs : 0,
    collisionProbability: (distinct * Math.max(0, generated - distinct)) / TWO_TO_64,
  };
}
