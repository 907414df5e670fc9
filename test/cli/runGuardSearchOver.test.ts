/**
 * The guard's timers and the program thread's phase: a search that is over is writing its own
 * report, which the guard must leave it to finish rather than print a fallback beside it (two JSON
 * documents on stdout), however late a loaded main thread reads the program thread's messages;
 * and a program still starting gets longer to reach its search, where it stops at once.
 */
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunGuard, START_GRACE_MS, STOP_GRACE_MS } from '../../cli/RunGuard.js';
import { GUARD_WORD, PHASE, guardWords } from '../../cli/guardMessages.js';

afterEach(() => {
  vi.useRealTimers();
});

function guardOf(words: Int32Array) {
  const terminate = vi.fn(() => new Promise<number>(() => {}));
  const written: string[] = [];
  const guard = new RunGuard({ terminate } as unknown as Worker, words, (text) => written.push(text), 'test');
  guard.setFallback({ reports: { interrupted: 'FALLBACK', timeout: 'FALLBACK', memory: 'FALLBACK' } });
  return { guard, terminate, written };
}

describe('the run guard, before the search has begun', () => {
  it('gives a program still starting (a slow import, a loaded machine) longer than a search to stop', () => {
    vi.useFakeTimers();
    const words = guardWords();
    const { guard, terminate, written } = guardOf(words);
    guard.signal();
    vi.advanceTimersByTime(START_GRACE_MS - 100); // far past the grace a running search gets
    expect([written, terminate.mock.calls.length, guard.forced, STOP_GRACE_MS < START_GRACE_MS]).toEqual([
      [],
      0,
      false,
      true,
    ]);
  });
});

describe('the run guard, once the search is over', () => {
  it('lets an interrupted search that stopped write its own report: no fallback, no forced end', () => {
    vi.useFakeTimers();
    const words = guardWords();
    const { guard, terminate, written } = guardOf(words);
    Atomics.store(words, GUARD_WORD.phase, PHASE.searching);
    guard.signal();
    expect(Atomics.load(words, GUARD_WORD.stop)).not.toBe(0); // the search is asked to stop
    Atomics.store(words, GUARD_WORD.phase, PHASE.reporting); // it did, and is reporting; its message is not read yet
    vi.advanceTimersByTime(10_000);
    expect([written, terminate.mock.calls.length, guard.forced]).toEqual([[], 0, false]);
  });
});
