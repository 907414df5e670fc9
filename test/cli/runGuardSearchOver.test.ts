/**
 * A search that is over is writing its own report: the guard's grace timer must then leave it to
 * finish rather than print a fallback report of its own beside it (two JSON documents on stdout),
 * however late a loaded main thread reads the program thread's messages.
 */
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunGuard } from '../../cli/RunGuard.js';
import { GUARD_WORD, guardWords } from '../../cli/guardMessages.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the run guard, once the search is over', () => {
  it('lets an interrupted search that stopped write its own report: no fallback, no forced end', () => {
    vi.useFakeTimers();
    const words = guardWords();
    const terminate = vi.fn(() => new Promise<number>(() => {}));
    const written: string[] = [];
    const guard = new RunGuard({ terminate } as unknown as Worker, words, (text) => written.push(text), 'test');
    guard.setFallback({ reports: { interrupted: 'FALLBACK', timeout: 'FALLBACK', memory: 'FALLBACK' } });
    guard.signal();
    expect(Atomics.load(words, GUARD_WORD.stop)).not.toBe(0); // the search is asked to stop
    Atomics.store(words, GUARD_WORD.searchOver, 1); // it did, and is reporting; its message is not read yet
    vi.advanceTimersByTime(10_000);
    expect([written, terminate.mock.calls.length, guard.forced]).toEqual([[], 0, false]);
  });
});
