/** When each thread of a kernel trace finishes: where the column layout ends its lifeline. */
import type { Trace } from '../../checker/Trace.js';
import type { KernelModel, KernelModelState } from '../../properties/buildKernelModel.js';

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
