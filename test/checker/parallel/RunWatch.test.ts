/** The coordinator's clock: the time a first search on this thread took counts in the run's time and in its timeout. */
import { describe, expect, it } from 'vitest';
import { RunWatch } from '../../../checker/parallel/RunWatch.js';
import { Control, StopReason } from '../../../checker/parallel/messages.js';
import { makeStats } from '../../../checker/makeStats.js';
import { resolveOptions } from '../../../checker/resolveOptions.js';

const stats = () => makeStats({ generated: 0, distinct: 0, depth: 0, queue: 0, elapsedMs: 0, storeBytes: 0 });

describe('RunWatch', () => {
  it('counts the time taken before it began, and stops the workers once that alone passes the timeout', () => {
    const control = new Int32Array(new SharedArrayBuffer(4 * Control.Size));
    const watch = new RunWatch(resolveOptions({ timeoutMs: 5_000 }), control, stats, 6_000);
    expect(watch.elapsedMs).toBeGreaterThanOrEqual(6_000);
    watch.start();
    watch.stop();
    expect([watch.reason, Atomics.load(control, Control.Stop)]).toEqual(['timeout', StopReason.Requested]);
  });

  it('lets a run go on while the time before it and since stay within the timeout', () => {
    const control = new Int32Array(new SharedArrayBuffer(4 * Control.Size));
    const watch = new RunWatch(resolveOptions({ timeoutMs: 60_000 }), control, stats, 6_000);
    watch.start();
    watch.stop();
    expect([watch.reason, Atomics.load(control, Control.Stop)]).toEqual([undefined, StopReason.None]);
    expect(watch.elapsedMs).toBeLessThan(60_000);
  });
});
