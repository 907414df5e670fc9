/**
 * The outcome of a search that went on after its first violation (`check --continue`), from the
 * ends of its runs (rerunWithoutViolated.ts): the first run's violation with everything the later
 * runs found. What a run without --continue reports is unchanged: a first run that holds, stops
 * at a bound or errs is the outcome as it is.
 */
import type { Counterexample, Outcome } from './Outcome.js';

/** One outcome from the outcomes of the runs, in the order they ran. */
export function continuedOutcome<S, A>(ends: readonly Outcome<S, A>[]): Outcome<S, A> {
  const first = ends[0];
  if (first === undefined) throw new Error('continuedOutcome needs the end of at least one run');
  const last = ends[ends.length - 1]!;
  if (first.kind !== 'violation') return first;
  // A model that errs further on is a model error (exit 4) whatever was found before it: the
  // report must not let a known violation (exit 1) hide a broken model.
  if (last.kind === 'modelError') return last;
  const further: Counterexample<S, A>[] = ends
    .slice(1)
    .flatMap((o) => (o.kind === 'violation' ? [{ violations: o.violations, trace: o.trace }] : []));
  return {
    ...first,
    // The last run's statistics: the whole reachable space when it ran to the end.
    stats: last.stats,
    continued: {
      further,
      ...(last.kind === 'incomplete' ? { incomplete: last.reason } : {}),
      runs: ends.length,
      distinctInAllRuns: ends.reduce((sum, o) => sum + o.stats.distinct, 0),
      elapsedMsInAllRuns: Math.round(ends.reduce((sum, o) => sum + o.stats.elapsedMs, 0)),
    },
  };
}
