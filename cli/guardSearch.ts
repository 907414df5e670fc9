/**
 * The program thread's side of the guard: before a search starts it tells the main thread the
 * run's bounds, and with every progress report it sends the incomplete report the run would end
 * with if it were stopped then. The progress line and that report come from one statistics
 * snapshot, so what a stopped run reports is never less than what its last progress line showed.
 */
import type { CheckOptions } from '../checker/CheckOptions.js';
import type { Stats } from '../checker/Stats.js';
import { makeStats } from '../checker/makeStats.js';
import type { GuardedReason } from './guardMessages.js';
import type { Io } from './Io.js';

/** Renders the report of the run as incomplete for `reason`, with `stats`. */
export type IncompleteRenderer = (reason: GuardedReason, stats: Stats) => string;

const REASONS: readonly GuardedReason[] = ['interrupted', 'timeout', 'memory'];

/** A search under the guard: the options to run it with, and `done()` once it has ended. */
export interface GuardedSearch {
  readonly options: Partial<CheckOptions>;
  /** The search is over: its own report follows, and only a signal can still end the thread. */
  done(): void;
}

/**
 * Arms the guard for a search with `options`: the returned options send the incomplete report to
 * the guard with each progress report (and one is sent at once, for a run stopped before any).
 */
export function guardSearch(
  io: Io,
  options: Partial<CheckOptions>,
  out: string | undefined,
  render: IncompleteRenderer,
): GuardedSearch {
  const guard = io.guard;
  if (guard === undefined) return { options, done: () => {} };
  const fallback = (stats: Stats) => {
    const reports = Object.fromEntries(REASONS.map((r) => [r, render(r, stats)])) as Record<GuardedReason, string>;
    guard.fallback({ ...(out === undefined ? {} : { out }), reports });
  };
  guard.arm({
    ...(options.timeoutMs === undefined ? {} : { deadlineMs: Date.now() + options.timeoutMs }),
    ...(options.maxMemoryBytes === undefined ? {} : { maxMemoryBytes: options.maxMemoryBytes }),
  });
  fallback(makeStats({ generated: 0, distinct: 0, depth: 0, queue: 0, elapsedMs: 0, storeBytes: 0 }));
  const onProgress = options.onProgress;
  return {
    options: {
      ...options,
      onProgress: (stats) => {
        onProgress?.(stats);
        fallback(stats);
      },
    },
    done: () => guard.disarm(),
  };
}
