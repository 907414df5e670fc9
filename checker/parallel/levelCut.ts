/**
 * Where a one-thread search would have stopped inside a level that the workers expanded further
 * (a violation, a step that threw, the state bound), and what it would have counted by then: the
 * parallel search reports those counts, so they do not depend on the number of workers.
 */
import { NO_VIOLATION, RANK_ACTIONS, type LevelResult, type WorkerError } from './messages.js';

/**
 * Successors a one-thread search generates in a level before it reaches `position`: the workers'
 * counts of the chunks below its chunk (every chunk begun below a stop is finished), then the
 * states before it in its own chunk, counted again by `actionCountAt`.
 */
export function generatedBefore(
  chunkGenerated: Int32Array,
  chunkSize: number,
  position: number,
  actionCountAt: (position: number) => number,
): number {
  const chunk = Math.floor(position / chunkSize);
  let generated = 0;
  for (let c = 0; c < chunk; c++) generated += chunkGenerated[c]!;
  for (let p = chunk * chunkSize; p < position; p++) generated += actionCountAt(p);
  return generated;
}

/** The first throwing step and the first violation a level's workers met, with their ranks (Infinity for none). */
export interface LevelStops {
  readonly failed: WorkerError | undefined;
  readonly failedAt: number;
  readonly violation: number;
  readonly violatedAt: number;
}

/**
 * The level's first throwing step and first violation in the order of a one-thread search: by
 * rank, position × RANK_ACTIONS + action + 1, where a state's check (action −1) comes before its
 * successors. `bestViolation` is the lowest violating position (NO_VIOLATION for none).
 */
export function firstStops(results: readonly LevelResult[], bestViolation: number): LevelStops {
  const rankOf = (e: WorkerError) => e.position * RANK_ACTIONS + e.actionIndex + 1;
  const failed = results
    .map((r) => r.error)
    .filter((e) => e !== undefined)
    .sort((a, b) => rankOf(a) - rankOf(b))[0];
  const violated = bestViolation !== NO_VIOLATION;
  return {
    failed,
    failedAt: failed ? rankOf(failed) : Infinity,
    violation: bestViolation,
    violatedAt: violated ? bestViolation * RANK_ACTIONS : Infinity,
  };
}
