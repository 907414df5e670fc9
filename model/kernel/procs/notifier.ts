/**
 * mm/mmu_notifier.c: `->release` invocation, __mmu_notifier_release in each kernel version's
 * statement order (docs/kernel-model.md §3), and mmu_notifier_unregister_no_release.
 */
import { step, call, choice, label } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelMem } from '../KernelMem.js';
import { fault, invokeOn, listenerName } from '../faults.js';
import { hlistDelInitRcu } from '../hlist.js';
import { releaseVariant } from '../versions.js';
import {
  bugOnMmdrop,
  hlistWalkHead,
  spinLock,
  spinUnlock,
  srcuLock,
  srcuUnlock,
  walkList,
  type KBody,
  type KContext,
} from './common.js';

/** The procedure name of a behaviour's `->release`. */
export function releaseProcName(env: KernelEnv, l: number): string {
  return `${env.behaviours[l]}->release`;
}

/** `mn->ops->release(mn, mm)`: module code; it flushes the secondary MMU, then runs the driver's body. */
export function invokeRelease(env: KernelEnv, x: KContext, l: number): void {
  const m = x.shared;
  if (m.releases(l) > 0)
    fault(
      env,
      m,
      'release-at-most-once',
      `->release runs a second time on ${listenerName(env, l)}`,
      `listener${l}.releases`,
    );
  invokeOn(env, m, l, '->release');
  m.setReleases(l, m.releases(l) + 1);
  m.setMaps(l, false);
  x.call(releaseProcName(env, l), l);
}

const RELEASE_CALL = 'if (mn->ops->release) mn->ops->release(mn, mm)';

/** The head of the unlink loop and its first two statements: take the first node and unlink it. */
const UNLINK_FIRST =
  'while (unlikely(!hlist_empty(&mm->mmu_notifier_mm->list))) { mn = hlist_entry(mm->mmu_notifier_mm->list.first, struct mmu_notifier, hlist); hlist_del_init_rcu(&mn->hlist);';

/** v3.8, v3.10, v3.17, v5.4: walk the list calling `->release`, then unlink every node under the lock. */
function walkThenUnlink(env: KernelEnv, fn: string, unlockBeforeUnlink: boolean): KBody {
  return [
    srcuLock(fn),
    ...walkList(
      env,
      fn,
      hlistWalkHead(env.version('__mmu_notifier_release')),
      RELEASE_CALL,
      (x, l) => invokeRelease(env, x, l),
      'unlink',
    ),
    label('unlink'),
    ...(unlockBeforeUnlink ? [srcuUnlock(fn)] : []),
    spinLock(env, fn),
    choice(
      step<KernelMem>(fn, `${UNLINK_FIRST} }`, {
        guard: (m) => m.first >= 0,
        run: (x) => {
          hlistDelInitRcu(env, x.shared, x.shared.first);
          x.repeat();
        },
      }),
      spinUnlock(env, fn, (m) => m.first < 0),
    ),
    ...(unlockBeforeUnlink ? [] : [srcuUnlock(fn)]),
  ];
}

/** v3.9: under the lock, unlink the first node, drop the lock, call its `->release`, retake the lock. */
function unlinkThenRelease(env: KernelEnv, fn: string): KBody {
  return [
    srcuLock(fn),
    spinLock(env, fn),
    label('loop'),
    choice(
      step<KernelMem>(fn, `${UNLINK_FIRST} /* the loop body goes on below */ }`, {
        guard: (m) => m.first >= 0,
        run: (x) => {
          x.local = x.shared.first;
          hlistDelInitRcu(env, x.shared, x.local);
        },
      }),
      spinUnlock(env, fn, (m) => m.first < 0, 'done'),
    ),
    spinUnlock(env, fn),
    step<KernelMem>(fn, RELEASE_CALL, { kind: 'call', run: (x) => invokeRelease(env, x, x.local) }),
    spinLock(env, fn, 'loop'),
    label('done'),
    srcuUnlock(fn),
  ];
}

/** `__mmu_notifier_release(mm)` in the variant of the scenario's version, ending with `synchronize_srcu`. */
export function notifierReleaseProc(env: KernelEnv): ProcDef<KernelMem> {
  const fn = '__mmu_notifier_release';
  const variant = releaseVariant(env.version(fn));
  const body: KBody =
    variant === 'unlink-then-release'
      ? unlinkThenRelease(env, fn)
      : walkThenUnlink(env, fn, variant === 'walk-then-unlink');
  return { name: fn, body: [...body, call('synchronize_srcu')] };
}

/** `mmu_notifier_unregister_no_release(mn, mm)` (new in the seed): unlink under the lock, then mmdrop; no SRCU. */
export function unregisterNoReleaseProc(env: KernelEnv): ProcDef<KernelMem> {
  const fn = 'mmu_notifier_unregister_no_release';
  return {
    name: fn,
    body: [
      spinLock(env, fn),
      step(fn, 'hlist_del_init_rcu(&mn->hlist)', {
        run: (x) => {
          hlistDelInitRcu(env, x.shared, x.arg);
          x.shared.setRegistered(x.arg, false);
        },
      }),
      spinUnlock(env, fn),
      bugOnMmdrop(env, fn),
    ],
  };
}
