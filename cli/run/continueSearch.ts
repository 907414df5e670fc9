/**
 * `check --continue`: search on after the first violation, so that every violated property is
 * reported with a shortest trace of its own. The search runs again without the properties found
 * violated (checker/rerunWithoutViolated.ts, as `history` does) rather than keeping one search
 * going: each run is the ordinary search, so its counts, traces and independence of the number of
 * workers are those of a run without --continue. `--timeout` bounds all the runs together;
 * `--max-states` and `--max-depth` bound each.
 */
import { continuedOutcome } from '../../checker/continuedOutcome.js';
import type { CheckOptions } from '../../checker/CheckOptions.js';
import { makeStats } from '../../checker/makeStats.js';
import type { Outcome } from '../../checker/Outcome.js';
import { rerunWithoutViolated } from '../../checker/rerunWithoutViolated.js';
import type { RunSource } from './RunSource.js';

type AnyOutcome = Outcome<unknown, unknown>;

/**
 * Searches `source` with `options`, then again without what each run found violated; `onRun` sees
 * every run's end as it comes (the guard's report of a run stopped from outside keeps them).
 */
export async function continueSearch(
  source: RunSource,
  options: Partial<CheckOptions>,
  onRun: (end: AnyOutcome) => void,
): Promise<AnyOutcome> {
  const started = Date.now();
  let runs = 0;
  const runOnce = async (open: readonly string[]): Promise<AnyOutcome> => {
    const first = runs++ === 0;
    const left = options.timeoutMs === undefined ? undefined : options.timeoutMs - (Date.now() - started);
    const end =
      left !== undefined && left <= 0
        ? timedOut()
        : await source.search(left === undefined ? options : { ...options, timeoutMs: left }, first ? undefined : open);
    onRun(end);
    return end;
  };
  // A model file whose properties() failed lists none: its one run reports the model error.
  if (source.properties.length === 0) return runOnce(source.properties);
  return continuedOutcome(await rerunWithoutViolated(source.properties, runOnce));
}

function timedOut(): AnyOutcome {
  const stats = makeStats({ generated: 0, distinct: 0, depth: 0, queue: 0, elapsedMs: 0, storeBytes: 0 });
  return { kind: 'incomplete', reason: 'timeout', stats };
}

/** `--continue` in the command that reproduces a run, when it was given. */
export function continueFlag(flags: { readonly continue?: boolean }): string[] {
  return flags.continue === true ? ['--continue'] : [];
}
