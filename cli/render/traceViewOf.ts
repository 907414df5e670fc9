/** The trace view of a check run: its counterexample (or the trace to a model error), ready to print. */
import type { Trace } from '../../checker/Trace.js';
import type { KernelModel, KernelModelState } from '../../properties/buildKernelModel.js';
import type { CheckRun } from '../runCheck.js';
import type { TraceView } from './TraceView.js';
import { ruleVersionsOf } from './propertyGlossary.js';

/** The trace a run ends with, if any. */
export function traceOf(run: CheckRun): Trace<KernelModelState, number> | undefined {
  const o = run.outcome;
  return o.kind === 'violation' ? o.trace : o.kind === 'modelError' ? o.trace : undefined;
}

/** Thread name → the step after which the thread had finished, for threads that finish within the trace. */
export function finishedAt(
  model: KernelModel,
  trace: Trace<KernelModelState, number> | undefined,
): Map<string, number> {
  const done = new Map<string, number>();
  if (!trace) return done;
  model.spec.threads.forEach((t, tid) => {
    if (model.finished(trace.initial, tid)) done.set(t.name, 0);
    else {
      const i = trace.steps.findIndex((s) => model.finished(s.state, tid));
      if (i >= 0) done.set(t.name, i + 1);
    }
  });
  return done;
}

/**
 * The view of `run`'s trace; `failure` is the primary violation's message, or the model error when
 * it was raised at the trace's last state (not by a step taken from it, which the trace does not hold).
 */
export function traceViewOf(run: CheckRun): TraceView {
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
    ...(failure === undefined ? {} : { failure }),
    ...(property === undefined ? {} : { property }),
    ruleVersions: ruleVersionsOf(run.scenario),
    references: run.references,
    threads: run.model.spec.threads.map((t) => ({ name: t.name, ...(t.cpu === undefined ? {} : { cpu: t.cpu }) })),
    finishedAt: finishedAt(run.model, traceOf(run)),
  };
}
