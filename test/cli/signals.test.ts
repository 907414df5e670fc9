/**
 * Honest endings under signals: SIGINT or SIGTERM during a long run (seed with 5 readers takes
 * minutes) ends it within a couple of seconds with exit code 3, the word "interrupted" and the
 * statistics so far — with the sequential search (one worker) and the parallel one alike; and a
 * history on a pool of workers ends with its table, every unfinished cell incomplete, and leaves no
 * worker running (one would keep the process from exiting).
 */
import { describe, expect, it } from 'vitest';
import { BINARY, binaryBuilt, startBinary } from '../helpers/runCli.js';

const LONG_RUN = ['check', 'seed', '--readers', '5', '--no-symmetry', '--quiet']; // every state: a long run

/** Starts the long run, sends `signal` after a second, and returns how and how fast it ended. */
async function interruptAfterASecond(extra: readonly string[], signal: NodeJS.Signals, args = LONG_RUN) {
  const run = startBinary([...args, ...extra]);
  // Whatever happens, a long run must not be left behind.
  const guard = setTimeout(() => run.signal('SIGKILL'), 10_000);
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const sentAt = performance.now();
    run.signal(signal);
    const ended = await run.ended;
    return { ...ended, afterMs: performance.now() - sentAt };
  } finally {
    clearTimeout(guard);
  }
}

describe.runIf(binaryBuilt()).concurrent('a long run of the binary', () => {
  it('ends within 2 s of SIGINT with exit 3, "interrupted" and partial statistics (parallel search)', async () => {
    const r = await interruptAfterASecond(['--workers', '2'], 'SIGINT');
    expect(r.code, `${r.signal} ${r.err}`).toBe(3);
    expect(r.afterMs).toBeLessThan(2000);
    expect(r.out).toContain('INCOMPLETE: the run was interrupted before a verdict; nothing is proven');
    // An interrupt that comes before the first level is expanded leaves "1 distinct state".
    expect(r.out).toMatch(/^(1 distinct state|[\d,]+ distinct states), [\d,]+ generated, depth \d+, /m);
  });

  it('ends within 2 s of SIGTERM with exit 3 and a JSON report saying interrupted (sequential search)', async () => {
    const r = await interruptAfterASecond(['--workers', '1', '--format', 'json'], 'SIGTERM');
    expect(r.code, `${r.signal} ${r.err}`).toBe(3);
    expect(r.afterMs).toBeLessThan(2000);
    const report = JSON.parse(r.out) as {
      verdict: string;
      reason: string;
      stats: { distinct: number; generated: number };
    };
    expect(report).toMatchObject({ verdict: 'incomplete', reason: 'interrupted' });
    expect(report.stats.distinct).toBeGreaterThan(0);
    expect(report.stats.generated).toBeGreaterThanOrEqual(report.stats.distinct);
  });

  it('ends a history on two jobs after SIGINT with its table, every unfinished cell incomplete, exit 3', async () => {
    // Each row of seed with 6 readers takes seconds even with symmetry reduction: no row is done a second in.
    const r = await interruptAfterASecond(['--jobs', '2'], 'SIGINT', ['history', 'seed', '--readers', '6', '--quiet']);
    expect([r.code, r.signal], r.err).toEqual([3, null]);
    const lines = r.out.split('\n');
    expect(lines[3]).toMatch(/^v3\.8 +classic +\? +\? +\? +\? +\? +\? +n\/a +n\/a +\? +\? +\? +[\d,]+ +1$/);
    expect(r.out).toContain('incomplete:\n  all rows: the run was interrupted\n');
    expect(r.out).toMatch(/^15 rows, 15 runs \(shared runs\), [\d,]+ states explored, [\d.]+ s$/m);
  });
});

describe.skipIf(binaryBuilt())('signals', () => {
  it(`are skipped: ${BINARY} is missing (npm test builds it; or run npm run build)`, () => {});
});
