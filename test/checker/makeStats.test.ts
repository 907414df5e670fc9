import { describe, expect, it } from 'vitest';
import { makeStats } from '../../checker/makeStats.js';

describe('makeStats', () => {
  it('derives the rate and the collision probability distinct × (generated − distinct) / 2^64', () => {
    const stats = makeStats({
      generated: 3_000_000,
      distinct: 1_000_000,
      depth: 9,
      queue: 0,
      elapsedMs: 500,
      storeBytes: 1,
    });
    expect(stats.statesPerSecond).toBe(2_000_000);
    expect(stats.collisionProbability).toBe((1e6 * 2e6) / 2 ** 64);
  });

  it('divides by 2^63 for a set that keeps 63 bits, as the parallel seen set does', () => {
    const stats = makeStats(
      { generated: 3_000_000, distinct: 1_000_000, depth: 9, queue: 0, elapsedMs: 500, storeBytes: 1 },
      63,
    );
    expect(stats.collisionProbability).toBe((1e6 * 2e6) / 2 ** 63);
  });

  it('reports a rate of 0 before any time has passed', () => {
    expect(
      makeStats({ generated: 1, distinct: 1, depth: 0, queue: 1, elapsedMs: 0, storeBytes: 0 }).statesPerSecond,
    ).toBe(0);
  });
});
