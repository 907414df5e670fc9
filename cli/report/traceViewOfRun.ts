/** The trace view of any run: its counterexample (or the trace to a model error), ready to print. */
import type { TraceView } from '../render/TraceView.js';
import { ruleVersionsOf } from '../render/propertyGlossary.js';
import type { RunView } from './RunView.js';

/**
 * The view of `run`'s trace; `failure` is the primary violation's message, or the model error when
 * it was raised at the trace's last state (not by a step taken from it, which the trace does not hold).
 */
export function traceViewOfRun(run: RunView): TraceView {
  const o = run.outcome;
  const failure =
    o.kind === 'violation'
      ? o.violations[0]?.message
      : o.kind === 'modelError' && o.action === undefined
        ? o.message
        : undefined;
  const property = o.kind === 'violation' ? o.violations[0]?.propertyId : undefined;
  return {
    steps: run.steps,
    ...(run.trace?.cycleStart === undefined ? {} : { cycleStart: run.trace.cycleStart }),
    ...(failure === undefined ? {} : { failure }),
    ...(property === undefined ? {} : { property }),
    // A kernel trace shows each step's CPU and the kernel's rule for the failing property.
    ...(run.origin.kind === 'scenario' ? { ruleVersions: ruleVersionsOf(run.origin.scenario), cpus: true } : {}),
    references: run.references,
    threads: run.threads,
    ...(run.finishedAt === undefined ? {} : { finishedAt: run.finishedAt }),
  };
}
