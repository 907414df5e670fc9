/**
 * The view of a run of `check --continue`: the view of its first violation, with an entry per
 * violated property, each holding the view of the run as if it had ended with that property's
 * counterexample — so that every format renders each trace as it renders a single one.
 */
import type { Outcome } from '../../checker/Outcome.js';
import type { RunView, ViolationEntry } from './RunView.js';

/** `view` with its continuation's entries; `viewOf` gives the view of a run that ended with an outcome. */
export function withContinuation(view: RunView, viewOf: (o: Outcome<unknown, unknown>) => RunView): RunView {
  const o = view.outcome;
  if (o.kind !== 'violation' || o.continued === undefined) return view;
  const c = o.continued;
  const counterexamples = [{ violations: o.violations, trace: o.trace }, ...c.further];
  const entries: ViolationEntry[] = counterexamples.flatMap((cx, counterexample) =>
    cx.violations.map((violation, j) => ({
      violation,
      counterexample,
      view:
        counterexample === 0 && j === 0
          ? view
          : viewOf({
              kind: 'violation',
              violations: [violation, ...cx.violations.filter((v) => v !== violation)],
              trace: cx.trace,
              stats: o.stats,
            }),
    })),
  );
  return {
    ...view,
    continued: {
      entries,
      ...(c.incomplete === undefined ? {} : { incomplete: c.incomplete }),
      runs: c.runs,
      distinctInAllRuns: c.distinctInAllRuns,
      elapsedMsInAllRuns: c.elapsedMsInAllRuns,
    },
  };
}
