/**
 * `callbacks-run` (liveness): every SRCU callback a driver queues eventually runs. SRCU promises
 * it: `call_srcu` invokes the callback once every read-side critical section that might see the
 * object has ended, and readers always end. Judged as "whenever a driver callback is queued, a
 * state follows where none is": besides a callback that stays queued for ever, it also catches a
 * driver that keeps queueing callbacks for ever (a destroy that re-queues itself), so that the
 * queues never drain and what they hold is never freed.
 */
import { CallbackKind } from '../../model/kernel/state/Callback.js';
import type { KernelState } from '../../model/kernel/state/KernelState.js';
import type { KernelModelState } from '../../model/kernel/kernelProgram.js';
import { leadsTo } from '../../model/Property.js';
import type { KernelProperty } from './KernelProperty.js';
import { packedCallbackQueued, type KernelView } from './packedKernelView.js';

const name = 'every queued SRCU callback eventually runs (the callback queues drain)';

/** True when a driver callback (not a synchronize_srcu or srcu_barrier marker) is queued. */
export function callbackQueued(g: KernelState): boolean {
  return g.queues.some((q) => q.some((c) => c.kind === CallbackKind.Destroy));
}

export const callbacksRun: KernelProperty = {
  id: 'callbacks-run',
  name,
  make: () =>
    leadsTo<KernelModelState>(
      'callbacks-run',
      name,
      (s) => callbackQueued(s.shared),
      (s) => !callbackQueued(s.shared),
      { trigger: packedCallbackQueued, response: (v: KernelView) => !packedCallbackQueued(v) },
    ),
};
