/**
 * mm/mmu_notifier.c: __mmu_notifier_release, mmu_notifier_unregister and
 * mmu_notifier_unregister_no_release, in each kernel version's statement order (kernel-model.md §3).
 */
import { step, call, choice, label } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelState } from '../state/KernelState.js';
import { fault, invokeOn, listenerName, touchListener } from '../faults.js';
import { hlistDelInitRcu } from '../hlist.js';
import { Link } from '../state/Listener.js';
import { bugOnMmCount, bugOnMmdrop, spinLock, spinUnlock, srcuLock, srcuUnlock, walkList, type KBody, type KContext } from './common.js';

/** The procedure name of a behaviour's `->release`. */
export function releaseProcName(env: KernelEnv, l: number): string {
  return `${env.behaviours[l]}->release`;
}

/** `mn->ops->release(mn, mm)`: module code; it flushes the secondary MMU, then runs the driver's body. */
export function invokeRelease(env: KernelEnv, x: KContext, l: number): void {
  if (x.shared.listeners.get(l)!.releases > 0) {
    x.update((g) => fault(env, g, 'release-at-most-once', `->release runs a second time on ${listenerName(env, l)}`, `listener${l}.releases`));
  }
  x.update((g) => invokeOn(env, g, l, "->release"));
  const node = x.shared.listeners.get(l)!;
  x.update((g) => g.setIn(['listeners', l], node.merge({ releases: node.releases + 1, maps: false })));
  x.call(releaseProcName(env, l), l);
}

/** `__mmu_notifier_release(mm)`; v3.17 (the seed) holds the SRCU read lock across the unlink loop, v3.10 does not. */
export function notifierReleaseProc(env: KernelEnv): ProcDef<KernelState> {
  const fn = '__mmu_notifier_release';
  const v317 = env.version('__mmu_notifier_release') === 'v3.17';
  const body: KBody = [
    srcuLock(fn),
    ...walkList(env, fn, 'if (mn->ops->release) mn->ops->release(mn, mm)', (x, l) => invokeRelease(env, x, l), 'unlink'),
    label('unlink'),
    ...(v317 ? [] : [srcuUnlock(fn)]),
    spinLock(env, fn),
    choice(
      step<KernelState>(fn, 'while (!hlist_empty(&mm->mmu_notifier_mm->list)) hlist_del_init_rcu(&mn->hlist)', {
        guard: (g) => g.nmm.first >= 0,
        run: (x) => {
          x.update((g) => hlistDelInitRcu(env, g, g.nmm.first));
          x.repeat();
        },
      }),
      spinUnlock(env, fn, (g) => g.nmm.first < 0),
    ),
    ...(v317 ? [srcuUnlock(fn)] : []),
    call('synchronize_srcu'),
  ];
  return { name: '__mmu_notifier_release', body };
}

/** `mmu_notifier_unregister(mn, mm)` (v3.10 on): `->release` under SRCU if still hashed, unlink, synchronize, mmdrop. */
export function unregisterProc(env: KernelEnv): ProcDef<KernelState> {
  const fn = 'mmu_notifier_unregister';
  return {
    name: fn,
    body: [
      bugOnMmCount(env, fn),
      step(fn, 'if (!hlist_unhashed(&mn->hlist))', {
        run: (x) => {
          x.update((g) => touchListener(env, g, x.arg, `${fn}: hlist_unhashed`));
          if (x.shared.listeners.get(x.arg)!.link === Link.Unhashed) x.goto('sync');
        },
      }),
      srcuLock(fn),
      step(fn, 'if (mn->ops->release) mn->ops->release(mn, mm)', { kind: 'call', run: (x) => invokeRelease(env, x, x.arg) }),
      srcuUnlock(fn),
      spinLock(env, fn),
      step(fn, 'hlist_del_init_rcu(&mn->hlist)', {
        run: (x) => x.update((g) => hlistDelInitRcu(env, g, x.arg).setIn(['listeners', x.arg, 'registered'], false)),
      }),
      spinUnlock(env, fn),
      label('sync'),
      call('synchronize_srcu'),
      bugOnMmdrop(env, fn),
    ],
  };
}

/** `mmu_notifier_unregister_no_release(mn, mm)` (new in the seed): unlink under the lock, then mmdrop; no SRCU. */
export function unregisterNoReleaseProc(env: KernelEnv): ProcDef<KernelState> {
  const fn = 'mmu_notifier_unregister_no_release';
  return {
    name: fn,
    body: [
      spinLock(env, fn),
      step(fn, 'hlist_del_init_rcu(&mn->hlist)', {
        run: (x) => x.update((g) => hlistDelInitRcu(env, g, x.arg).setIn(['listeners', x.arg, 'registered'], false)),
      }),
      spinUnlock(env, fn),
      bugOnMmdrop(env, fn),
    ],
  };
}
