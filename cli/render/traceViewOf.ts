/** The trace view of a check run: its counterexample (or the trace to a model error), ready to print. */
import type { Trace } from '../../checker/Trace.js';
import type { KernelModel, KernelModelState } from '../../properties/buildKernelModel.js';
import type { CheckRun } from '../runCheck.js';
import type { TraceView } from './TraceView.js';
import { kernelRunView } from '../report/kernelRunView.js';
import { traceViewOfRun } from '../report/traceViewOfRun.js';
import { traceOf } from './traceOf.js';

export { traceOf };

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

/** The view of `run`'s trace (traceViewOfRun), with the step after which each thread had finished. */
export function traceViewOf(run: CheckRun): TraceView {
  return { ...traceViewOfRun(kernelRunView(run)), finishedAt: finishedAt(run.model, traceOf(run)) };
}
