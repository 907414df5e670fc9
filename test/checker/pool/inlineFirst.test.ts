/**
 * A pool with `inlineFirstMs` (the default of history, necessity and simulate without --jobs) runs
 * its first jobs on the caller's thread and starts workers only once they have taken that long: a
 * table of small checks never pays a worker's start, a long one still spreads. Either way every
 * job's summary is the one a worker gives.
 */
import { describe, expect, it } from 'vitest';
import { CheckPool } from '../../../checker/pool/CheckPool.js';
import { loadScenario } from '../../../model/kernel/loadScenario.js';
import { kernelModelSource } from '../../../properties/kernelModelSource.js';

const jobs = ['seed', 'seed-pre-patch-lazy', 'lazy-with-reader', 'eager-free'].map((name) => ({
  source: kernelModelSource(loadScenario(name)),
  options: {},
}));

const summary = (s: Awaited<ReturnType<CheckPool['run']>>) => ({
  kind: s.kind,
  distinct: s.stats.distinct,
  length: s.kind === 'violation' ? s.length : undefined,
});

describe('a pool that runs its first jobs on this thread', () => {
  it('starts no worker while the jobs stay within the time, and gives what workers give', async () => {
    const inline = new CheckPool({ jobs: 2, inlineFirstMs: 60_000 });
    const here = await Promise.all(jobs.map((j) => inline.run(j)));
    expect(inline.workersStarted).toBe(0);
    await inline.close();
    const workers = new CheckPool({ jobs: 2 });
    const there = await Promise.all(jobs.map((j) => workers.run(j)));
    expect(workers.workersStarted).toBe(2);
    await workers.close();
    expect(here.map(summary)).toEqual(there.map(summary));
    expect(here.map(summary)).toEqual([
      { kind: 'ok', distinct: 707, length: undefined },
      { kind: 'violation', distinct: 54, length: 12 },
      { kind: 'violation', distinct: 449, length: 16 },
      { kind: 'violation', distinct: 29, length: 6 },
    ]);
  });

  it('moves the rest to workers once the jobs on this thread have taken the time', async () => {
    const pool = new CheckPool({ jobs: 2, inlineFirstMs: 1 });
    const results = await Promise.all(jobs.map((j) => pool.run(j)));
    expect(pool.workersStarted).toBe(2);
    await pool.close();
    expect(results.map((r) => r.kind)).toEqual(['ok', 'violation', 'violation', 'violation']);
  });
});
