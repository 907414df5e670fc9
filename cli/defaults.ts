/** Defaults of the checking commands that depend on the machine: workers, jobs and the memory bound. */
import { availableParallelism, totalmem } from 'node:os';
import { InputError } from '../model/InputError.js';

/** One worker per CPU. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The most workers a run may ask for: four per CPU. More only add start-up time and memory (each
 * worker is a V8 isolate of its own: 256 of them took 74 s and 3.5 GB for a 707-state run), and
 * the results are the same for any number.
 */
export function maxWorkers(): number {
  return 4 * defaultWorkers();
}

/**
 * Refuses more threads than the machine can use for `flag` (`--workers`, `--jobs`); `same` says
 * what does not depend on their number.
 */
export function requireThreadsWithinMax(flag: string, threads: number | undefined, same: string): void {
  const max = maxWorkers();
  if (threads !== undefined && threads > max)
    throw new InputError(
      `${threads} is more than this machine can use: at most ${max} (4 per CPU); ${same}`,
      undefined,
      flag,
    );
}

/**
 * Three quarters of the memory this process may use (the cgroup limit when there is one), so a
 * run ends as "incomplete: memory" before the operating system kills it.
 */
export function defaultMaxMemoryBytes(): number {
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  const limit = constrained && constrained > 0 ? Math.min(constrained, totalmem()) : totalmem();
  return Math.floor(limit * 0.75);
}

/**
 * Without --workers, the states a first search on one thread may reach: a space that small is
 * done in about 0.2 s, less than starting the workers costs (0.3 to 0.4 s). In a larger one the
 * workers go on from the level where it stopped. A larger bound was slower on the seed with 4 and
 * 5 readers (376 thousand and 3.6 million states): the workers then start cold on larger levels.
 */
export const AUTO_SEQUENTIAL = 50_000;
