/**
 * `no-leak`: when every thread has finished (and no SRCU callback is left queued and no other
 * fault was recorded), every object is freed and `mm_count` is zero. No step raises it: the
 * property inspects such final states and lists what is left over.
 */
import type { KernelEnv } from '../../model/kernel/KernelEnv.js';
import type { KernelState } from '../../model/kernel/state/KernelState.js';
import { listenerName } from '../../model/kernel/faults.js';
import { always } from '../../model/Property.js';
import type { KernelModelState } from '../../model/kernel/kernelProgram.js';
import type { KernelProperty } from './KernelProperty.js';

const name = 'when every thread has finished, every object is freed and no callback is left queued';

/** What is left over in a state where every thread has finished, or undefined if nothing is. */
export function leaks(env: KernelEnv, g: KernelState): string | undefined {
  const left: string[] = [];
  g.listeners.forEach((l, i) => {
    if (!l.freed) left.push(`${listenerName(env, i)} is never freed`);
  });
  g.mirrors.forEach((m, i) => {
    if (!m.freed) left.push(`mirror ${i} (${env.mirrors[i]}) is never freed`);
  });
  if (env.interval) {
    if (g.interval.subs && !g.nmm.freed) left.push('the mmu_notifier_subscriptions is never freed');
  } else if (!g.nmm.freed) left.push('the mmu_notifier_mm is never freed');
  if (!g.mm.freed) left.push(`the mm_struct is never freed (mm_count ${g.mm.count}, mm_users ${g.mm.users})`);
  else if (g.mm.count !== 0) left.push(`mm_count ends at ${g.mm.count}`);
  const queued = g.queues.reduce((n, q) => n + q.size, 0);
  if (queued > 0) left.push(`${queued} SRCU callback${queued === 1 ? ' is' : 's are'} left queued`);
  return left.length ? `every thread has finished, but ${left.join('; ')}` : undefined;
}

export const noLeak: KernelProperty = {
  id: 'no-leak',
  name,
  make: (env, allFinished) =>
    always<KernelModelState>('no-leak', name, (s) =>
      allFinished(s) && s.shared.queues.every((q) => q.isEmpty()) && s.shared.faults.isEmpty()
        ? leaks(env, s.shared)
        : undefined,
    ),
};
