/** Builds the statistics of a run from its raw counts, deriving the rates and the collision estimate. */
import type { Stats } from './Stats.js';

/** The raw counts a Stats record is derived from. */
export interface StatsCounts {
  readonly generated: number;
  readonly distinct: number;
  readonly depth: number;
  readonly queue: number;
  readonly elapsedMs: number;
  readonly storeBytes: number;
  /** The groups a symmetry-reduced run stored one state per orbit of (see Stats). */
  readonly symmetry?: readonly string[] | undefined;
}

/**
 * Statistics with `statesPerSecond` and `collisionProbability` derived from the counts, for a seen
 * set that keeps `fingerprintBits` bits of each fingerprint (the parallel one keeps 63).
 */
export function makeStats(counts: StatsCounts, fingerprintBits = 64): Stats {
  const { symmetry, ...rest } = counts;
  const { generated, distinct, elapsedMs } = rest;
  return {
    ...rest,
    ...(symmetry === undefined ? {} : { symmetry }),
    statesPerSecond: rate(distinct, elapsedMs),
    collisionProbability: (distinct * Math.max(0, generated - distinct)) / 2 ** fingerprintBits,
  };
}

function rate(distinct: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (distinct * 1000) / elapsedMs : 0;
}
