/**
 * `waits-return` (liveness): every wait for the protocol returns — `synchronize_srcu` (its marker
 * runs once the readers it waits for have left), `srcu_barrier` (its marker runs after the
 * callbacks queued before it), and `wait_event` on the subscriptions wait queue
 * (`mmu_interval_read_begin`, `mmu_interval_notifier_remove`), which `wake_up_all` ends once the
 * invalidation completes. Judged as "whenever some thread waits, a state follows where none
 * does". A wait that can never end at all is also a deadlock (`no-deadlock`); this property adds
 * the waits that stay pending while other threads keep moving for ever.
 */
import { CallbackKind } from '../../model/kernel/state/Callback.js';
import type { KernelState } from '../../model/kernel/state/KernelState.js';
import type { KernelModelState } from '../../model/kernel/kernelProgram.js';
import { leadsTo } from '../../model/Property.js';
import type { KernelProperty } from './KernelProperty.js';
import { packedSomeoneWaits, type KernelView } from './packedKernelView.js';

const name = 'every synchronize_srcu, srcu_barrier and wait on the subscriptions wait queue eventually returns';

/** True when some thread waits: its synchronize_srcu or srcu_barrier marker is queued, or it is on the wait queue. */
export function someoneWaits(g: KernelState): boolean {
  return g.interval.armed !== 0 || g.queues.some((q) => q.some((c) => c.kind !== CallbackKind.Destroy));
}

export const waitsReturn: KernelProperty = {
  id: 'waits-return',
  name,
  make: () =>
    leadsTo<KernelModelState>(
      'waits-return',
      name,
      (s) => someoneWaits(s.shared),
      (s) => !someoneWaits(s.shared),
      { trigger: packedSomeoneWaits, response: (v: KernelView) => !packedSomeoneWaits(v) },
    ),
};
