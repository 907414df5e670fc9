/**
 * The kernel properties as checker properties. Step-level properties read the faults the step
 * recorded; `no-leak` inspects final states; `no-deadlock` is the checker's deadlock search.
 */
import { always, deadlockFree, type Property } from '../model/Property.js';
import type { ProgramState } from '../model/program/ProgramState.js';
import type { KernelState } from '../model/kernel/state/KernelState.js';
import { listenerName } from '../model/kernel/faults.js';
import type { KernelEnv } from '../model/kernel/KernelEnv.js';
import { PROPERTY_CATALOG } from './catalog.js';
import type { KernelPropertyId } from '../model/kernel/PropertyId.js';

type KState = ProgramState<KernelState>;

/** What is left over in a state where every thread has finished, or undefined if nothing is. */
export function leaks(env: KernelEnv, g: KernelState): string | undefined {
  const left: string[] = [];
  g.listeners.forEach((l, i) => {
    if (!l.freed) left.push(`${listenerName(env, i)} is never freed`);
  });
  if (!g.nmm.freed) left.push('the mmu_notifier_mm is never freed');
  if (!g.mm.freed) left.push(`the mm_struct is never freed (mm_count ${g.mm.count}, mm_users ${g.mm.users})`);
  else if (g.mm.count !== 0) left.push(`mm_count ends at ${g.mm.count}`);
  const queued = g.queues.reduce((n, q) => n + q.size, 0);
  if (queued > 0) left.push(`${queued} SRCU callback${queued === 1 ? ' is' : 's are'} left queued`);
  return left.length ? `every thread has finished, but ${left.join('; ')}` : undefined;
}

/** Builds the checker properties for the ids asked for, in catalog (priority) order. */
export function kernelProperties(
  env: KernelEnv,
  ids: readonly KernelPropertyId[],
  allFinished: (s: KState) => boolean,
): Property<KState>[] {
  const wanted = new Set(ids);
  return PROPERTY_CATALOG.filter((p) => wanted.has(p.id)).map((p): Property<KState> => {
    if (p.id === 'no-deadlock') return deadlockFree(p.id, p.name);
    if (p.id === 'no-leak') {
      return always<KState>(p.id, p.name, (s) =>
        allFinished(s) && s.shared.queues.every((q) => q.isEmpty()) && s.shared.faults.isEmpty()
          ? leaks(env, s.shared)
          : undefined,
      );
    }
    return always<KState>(p.id, p.name, (s) => {
      const faults = s.shared.faults;
      return faults.size === 0 ? undefined : faults.find((f) => f.property === p.id)?.message; // nearly every state has none
    });
  });
}
