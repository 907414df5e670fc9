/** The trace a check run ends with: its counterexample, or the trace to a model error. */
import type { Trace } from '../../checker/Trace.js';
import type { KernelModelState } from '../../properties/buildKernelModel.js';
import type { CheckRun } from '../runCheck.js';

/** The trace a run ends with, if any. */
export function traceOf(run: CheckRun): Trace<KernelModelState, number> | undefined {
  const o = run.outcome;
  return o.kind === 'violation' ? o.trace : o.kind === 'modelError' ? o.trace : undefined;
}
