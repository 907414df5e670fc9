/** Steps that many kernel functions share: spinlock, SRCU read lock, reference drops, frees, list walks. */
import { step, label, type BodyItem, type StepDef } from '../../program/Step.js';
import type { StepContext } from '../../program/StepContext.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelState } from '../state/KernelState.js';
import { fault, touchListener, touchMm, touchNotifierMm, invokeOn } from '../faults.js';
import { srcuReadLock, srcuReadUnlock } from '../srcu.js';

/** A step of the kernel model. */
export type KStep = StepDef<KernelState>;
/** An item of a kernel procedure body. */
export type KBody = BodyItem<KernelState>[];
/** The context of a kernel step. */
export type KContext = StepContext<KernelState>;

/** `spin_lock(&mm->mmu_notifier_mm->lock)`: waits while another thread holds it; then continues at label `then`, if given. */
export function spinLock(env: KernelEnv, fn: string, then?: string): KStep {
  return step(fn, 'spin_lock(&mm->mmu_notifier_mm->lock)', {
    kind: 'acquire',
    guard: (g) => g.nmm.lock < 0,
    run: (x) => {
      x.update((g) => touchNotifierMm(env, g, `${fn}: spin_lock`).setIn(['nmm', 'lock'], x.tid));
      if (then !== undefined) x.goto(then);
    },
  });
}

/** `spin_unlock(&mm->mmu_notifier_mm->lock)`; then continues at label `then`, if given. */
export function spinUnlock(env: KernelEnv, fn: string, guard?: KStep['guard'], then?: string): KStep {
  return step(fn, 'spin_unlock(&mm->mmu_notifier_mm->lock)', {
    kind: 'release',
    ...(guard ? { guard } : {}),
    run: (x) => {
      x.update((g) => touchNotifierMm(env, g, `${fn}: spin_unlock`).setIn(['nmm', 'lock'], -1));
      if (then !== undefined) x.goto(then);
    },
  });
}

/** `id = srcu_read_lock(&srcu)`. */
export function srcuLock(fn: string): KStep {
  return step(fn, 'id = srcu_read_lock(&srcu)', { kind: 'srcu-lock', run: (x) => x.update((g) => srcuReadLock(g, x.tid)) });
}

/** `srcu_read_unlock(&srcu, id)`. */
export function srcuUnlock(fn: string): KStep {
  return step(fn, 'srcu_read_unlock(&srcu, id)', { kind: 'srcu-unlock', run: (x) => x.update((g) => srcuReadUnlock(g, x.tid)) });
}

/** Decrements mm_count and enters __mmdrop when it reaches zero. */
function dropMm(env: KernelEnv, x: KContext, what: string): void {
  x.update((g) => touchMm(env, g, what));
  const count = x.shared.mm.count - 1;
  x.update((g) => g.setIn(['mm', 'count'], count));
  if (count === 0) x.call('__mmdrop', -1);
}

/** `mmdrop(mm)` as one step of function `fn`. */
export function mmdrop(env: KernelEnv, fn: string): KStep {
  return step(fn, 'mmdrop(mm)', { run: (x) => dropMm(env, x, `${fn}: mmdrop`) });
}

/** `BUG_ON(atomic_read(&mm->mm_count) <= 0); mmdrop(mm);` — one step, since the mmdrop follows at once. */
export function bugOnMmdrop(env: KernelEnv, fn: string): KStep {
  return step(fn, 'BUG_ON(atomic_read(&mm->mm_count) <= 0); mmdrop(mm)', {
    run: (x) => {
      const mm = x.shared.mm;
      if (!mm.freed && mm.count <= 0) {
        x.update((g) => fault(env, g, 'no-bug-on', `${fn}: BUG_ON(atomic_read(&mm->mm_count) <= 0) fires: mm_count is ${mm.count}`, 'mm.count'));
      }
      dropMm(env, x, `${fn}: BUG_ON/mmdrop`);
    },
  });
}

/** `BUG_ON(atomic_read(&mm->mm_count) <= 0)` as a step of its own. */
export function bugOnMmCount(env: KernelEnv, fn: string): KStep {
  return step(fn, 'BUG_ON(atomic_read(&mm->mm_count) <= 0)', {
    kind: 'check',
    run: (x) =>
      x.update((g) => {
        g = touchMm(env, g, `${fn}: BUG_ON`);
        if (g.mm.freed || g.mm.count > 0) return g;
        return fault(env, g, 'no-bug-on', `${fn}: BUG_ON(atomic_read(&mm->mm_count) <= 0) fires: mm_count is ${g.mm.count}`, 'mm.count');
      }),
  });
}

/** `kfree(obj)` of the listener object the current procedure is about. */
export function kfreeListener(env: KernelEnv, fn: string, code: string): KStep {
  return step(fn, code, {
    kind: 'free',
    run: (x) => x.update((g) => touchListener(env, g, x.arg, `${fn}: ${code}`).setIn(['listeners', x.arg, 'freed'], true)),
  });
}

/** Invokes a notifier method of listener `l`: module code that reads the object and flushes its secondary MMU. */
export function invokeMethod(env: KernelEnv, x: KContext, l: number, method: string): void {
  x.update((g) => invokeOn(env, g, l, `the driver method ${method}`).setIn(['listeners', l, 'maps'], false));
}

/**
 * `hlist_for_each_entry_rcu(mn, &mm->mmu_notifier_mm->list, hlist)` calling a method on each node:
 * read the head, then per node invoke the method and read the node's `next`. The cursor is the
 * frame's local; control continues at label `after` when the walk ends.
 */
export function walkList(env: KernelEnv, fn: string, methodCode: string, invoke: (x: KContext, l: number) => void, after: string): KBody {
  return [
    step(fn, 'hlist_for_each_entry_rcu(mn, &mm->mmu_notifier_mm->list, hlist)', {
      run: (x) => {
        x.update((g) => touchNotifierMm(env, g, `${fn}: reading the list head`));
        x.local = x.shared.nmm.first;
        if (x.local < 0) x.goto(after);
      },
    }),
    label(`${after}:node`),
    step(fn, methodCode, { kind: 'call', run: (x) => invoke(x, x.local) }),
    step(fn, 'mn = hlist_entry_safe(rcu_dereference_raw(hlist_next_rcu(&mn->hlist)))', {
      run: (x) => {
        x.update((g) => touchListener(env, g, x.local, `${fn}: reading mn->hlist.next`));
        x.local = x.shared.listeners.get(x.local)!.next;
        x.goto(x.local < 0 ? after : `${after}:node`);
      },
    }),
  ];
}
