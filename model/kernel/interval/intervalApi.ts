/**
 * The interval-notifier API a driver calls (mm/mmu_notifier.c, include/linux/mmu_notifier.h;
 * docs/interval-notifiers.md §I4.2, §I4.3, §I4.11–§I4.13): `mmu_interval_notifier_insert` (with the
 * tree's registration), `mmu_interval_notifier_remove` in its version's form — before the fix
 * 319561669a59 its wait reads `invalidate_seq` without the lock, from v5.18 under it — and the
 * steps of `mmu_interval_read_begin` and the retry checks, which the fault path inlines. The
 * procedures take the mirror as their argument.
 */
import { label, choice } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import { IVF, MF, type KernelMem } from '../KernelMem.js';
import { Link } from '../state/Listener.js';
import { fault, touchMm, touchNotifierMm } from '../faults.js';
import { kstep, mmdrop, type KBody, type KContext, type KStep } from '../procs/common.js';
import { atLeast } from '../versions.js';
import { inVersion } from './names.js';
import { subsLock, subsUnlock } from './itree.js';
import { touchMirror, touchTree } from './intervalFaults.js';
import { arm, awake, disarm } from './waitQueue.js';

const odd = (m: KernelMem) => (m.iv(IVF.seq) & 1) === 1;

/** `hlist_add_head(&interval_sub->deferred_item, &subscriptions->deferred_list)` of mirror `i`. */
function deferredAdd(env: KernelEnv, x: KContext, i: number, what: string): void {
  const m = x.shared;
  touchMirror(env, m, i, what);
  if (m.mirror(i, MF.deferred) === Link.Hashed)
    fault(env, m, 'list-integrity', `${what}: ${`mirror ${i}`} is already on the deferred list`, `mirror${i}.deferred`);
  const first = m.iv(IVF.deferredFirst);
  if (first >= 0) touchMirror(env, m, first, `${what} (first->pprev)`);
  m.setMirror(i, MF.deferredNext, first);
  m.setMirror(i, MF.deferred, Link.Hashed);
  m.setIv(IVF.deferredFirst, i);
}

/** `hlist_del(&interval_sub->deferred_item)` of mirror `i`, wherever it is on the list. */
function deferredDel(env: KernelEnv, x: KContext, i: number, what: string): void {
  const m = x.shared;
  touchMirror(env, m, i, what);
  if (m.mirror(i, MF.deferred) !== Link.Hashed)
    throw new Error(`${what}: mirror ${i} is not on the deferred list; the model does not follow a poisoned hlist_del`);
  const next = m.mirror(i, MF.deferredNext);
  if (m.iv(IVF.deferredFirst) === i) m.setIv(IVF.deferredFirst, next);
  else
    for (let p = 0; p < m.mirrorCount; p++)
      if (m.mirror(p, MF.deferred) === Link.Hashed && m.mirror(p, MF.deferredNext) === i) {
        touchMirror(env, m, p, `${what} (pprev)`);
        m.setMirror(p, MF.deferredNext, next);
      }
  if (next >= 0) touchMirror(env, m, next, `${what} (next->pprev)`);
  m.setMirror(i, MF.deferred, Link.Poisoned);
}

/**
 * `mmu_interval_notifier_insert(&dmirror->notifier, mm, …)`: registers the tree on first use
 * (`mmu_notifier_register(NULL, mm)`, one publishing step under `mm_take_all_locks`, which waits
 * until no invalidation is running), then `__mmu_interval_notifier_insert`.
 */
export function insertProc(env: KernelEnv): ProcDef<KernelMem> {
  const v = (code: string) => inVersion(env.kernel, code);
  const fn = '__mmu_interval_notifier_insert';
  const usersCheck = atLeast(env.kernel, 'v5.10')
    ? 'if (WARN_ON(atomic_read(&mm->mm_users) <= 0))'
    : 'if (WARN_ON(atomic_read(&mm->mm_count) <= 0))';
  return {
    name: 'mmu_interval_notifier_insert',
    body: [
      kstep('mmu_interval_notifier_insert', v('if (!subscriptions || !subscriptions->has_itree)'), {
        run: (x) => {
          touchMm(env, x.shared, 'mmu_interval_notifier_insert: smp_load_acquire(&mm->notifier_subscriptions)');
          if (x.shared.iv(IVF.subs) && x.shared.iv(IVF.hasItree)) x.goto('insert');
        },
      }),
      kstep('__mmu_notifier_register', 'BUG_ON(atomic_read(&mm->mm_users) <= 0);', {
        kind: 'check',
        run: (x) => {
          if (x.shared.mmUsers <= 0)
            fault(
              env,
              x.shared,
              'no-bug-on',
              '__mmu_notifier_register: BUG_ON(atomic_read(&mm->mm_users) <= 0) fires',
              'mm.users',
            );
        },
      }),
      kstep('__mmu_notifier_register', v('mm->notifier_subscriptions->has_itree = true;'), {
        kind: 'acquire',
        // Under mm_take_all_locks(mm): no invalidation of the mm is between its start and its end.
        guard: (m) => m.iv(IVF.ranging) === 0,
        run: (x) => {
          const m = x.shared;
          touchMm(env, m, '__mmu_notifier_register');
          m.setIv(IVF.subs, 1);
          m.setIv(IVF.hasItree, 1);
        },
      }),
      label('insert'),
      kstep(fn, v('interval_sub->mm = mm;'), {
        run: (x) => {
          touchMirror(env, x.shared, x.arg, `${fn}: interval_sub->mm = mm`);
          x.shared.setMirror(x.arg, MF.subscribed, 1);
        },
      }),
      kstep(fn, usersCheck, {
        kind: 'check',
        run: (x) => {
          const m = x.shared;
          const n = atLeast(env.kernel, 'v5.10') ? m.mmUsers : m.mmCount;
          if (n <= 0)
            throw new Error(
              `${fn}: the insert's WARN_ON fires and it fails with -EINVAL, which the model does not follow`,
            );
        },
      }),
      kstep(fn, 'mmgrab(mm);', {
        run: (x) => {
          touchMm(env, x.shared, `${fn}: mmgrab`);
          x.shared.mmCount = x.shared.mmCount + 1;
        },
      }),
      subsLock(env, fn),
      choice<KernelMem>(
        kstep(fn, v('hlist_add_head(&interval_sub->deferred_item, &subscriptions->deferred_list);'), {
          guard: (m) => m.iv(IVF.active) > 0 && odd(m),
          run: (x) => {
            deferredAdd(env, x, x.arg, `${fn}: hlist_add_head`);
            x.goto('running');
          },
        }),
        kstep(fn, v('subscriptions->invalidate_seq |= 1;'), {
          guard: (m) => m.iv(IVF.active) > 0 && !odd(m),
          run: (x) => {
            touchNotifierMm(env, x.shared, fn);
            x.shared.setIv(IVF.seq, x.shared.iv(IVF.seq) | 1);
          },
        }),
        kstep(fn, v('interval_sub->invalidate_seq = subscriptions->invalidate_seq - 1;'), {
          guard: (m) => m.iv(IVF.active) === 0,
          run: (x) => {
            touchMirror(env, x.shared, x.arg, fn);
            x.shared.setMirror(x.arg, MF.seq, x.shared.iv(IVF.seq) - 1);
            x.goto('idle');
          },
        }),
      ),
      kstep(fn, v('interval_tree_insert(&interval_sub->interval_tree, &subscriptions->itree);'), {
        run: (x) => {
          touchTree(env, x.shared, `${fn}: interval_tree_insert`);
          x.shared.setMirror(x.arg, MF.inTree, 1);
        },
      }),
      label('running'),
      kstep(fn, v('interval_sub->invalidate_seq = subscriptions->invalidate_seq;'), {
        run: (x) => {
          touchMirror(env, x.shared, x.arg, fn);
          x.shared.setMirror(x.arg, MF.seq, x.shared.iv(IVF.seq));
          x.goto('unlock');
        },
      }),
      label('idle'),
      kstep(fn, v('interval_tree_insert(&interval_sub->interval_tree, &subscriptions->itree);'), {
        run: (x) => {
          touchTree(env, x.shared, `${fn}: interval_tree_insert`);
          touchMirror(env, x.shared, x.arg, fn);
          x.shared.setMirror(x.arg, MF.inTree, 1);
        },
      }),
      label('unlock'),
      subsUnlock(env, fn),
    ],
  };
}

/**
 * `wait_event(subscriptions->wq, READ_ONCE(subscriptions->invalidate_seq) != seq)` in `fn`: each
 * evaluation one unlocked read, the seq waited past in the low byte of the frame's local. A false
 * condition arms the thread and it sleeps until `wake_up_all` (waitQueue.ts).
 */
function unlockedSeqWait(env: KernelEnv, fn: string): KStep {
  return kstep(
    fn,
    inVersion(env.kernel, 'wait_event(subscriptions->wq, READ_ONCE(subscriptions->invalidate_seq) != seq);'),
    {
      kind: 'wait',
      guard: (m, _f, tid) => awake(m, tid),
      run: (x) => {
        const m = x.shared;
        touchNotifierMm(env, m, `${fn}: READ_ONCE(subscriptions->invalidate_seq)`);
        if (m.iv(IVF.seq) !== (x.local & 0xff)) disarm(m, x.tid);
        else {
          arm(m, x.tid);
          x.repeat();
        }
      },
    },
  );
}

/**
 * The wait of `mmu_interval_notifier_remove` for the seq it saw to be released: before the fix one
 * unlocked `READ_ONCE` per evaluation; from v5.18 `mmu_interval_seq_released`, which reads it under
 * the lock. The seq waited for is the low byte of the frame's local.
 */
function removeWait(env: KernelEnv): KBody {
  const v = (code: string) => inVersion(env.kernel, code);
  const seqOf = (local: number) => local & 0xff;
  if (!atLeast(env.version('mmu_interval_notifier_remove'), 'v5.18'))
    return [unlockedSeqWait(env, 'mmu_interval_notifier_remove')];
  const fn = 'mmu_interval_seq_released';
  return [
    label('evaluate'),
    subsLock(env, fn, (m, _f, tid) => awake(m, tid)),
    kstep(fn, v('ret = subscriptions->invalidate_seq != seq;'), {
      run: (x) => {
        arm(x.shared, x.tid);
        touchNotifierMm(env, x.shared, fn);
        x.local = seqOf(x.local) | (x.shared.iv(IVF.seq) !== seqOf(x.local) ? 0x100 : 0);
      },
    }),
    subsUnlock(env, fn, (x) => {
      if (x.local & 0x100) disarm(x.shared, x.tid);
      else x.goto('evaluate');
    }),
  ];
}

/** `mmu_interval_notifier_remove(&dmirror->notifier)`. */
export function removeProc(env: KernelEnv): ProcDef<KernelMem> {
  const v = (code: string) => inVersion(env.kernel, code);
  const fn = 'mmu_interval_notifier_remove';
  return {
    name: fn,
    body: [
      kstep(fn, v('struct mm_struct *mm = interval_sub->mm;'), {
        run: (x) => {
          touchMirror(env, x.shared, x.arg, `${fn}: interval_sub->mm`);
          x.shared.setMirror(x.arg, MF.subscribed, 0);
          x.local = 0;
        },
      }),
      subsLock(env, fn),
      choice<KernelMem>(
        kstep(fn, v('hlist_del(&interval_sub->deferred_item);'), {
          guard: (m, f) => odd(m) && m.mirror(f.arg, MF.inTree) === 0,
          run: (x) => {
            deferredDel(env, x, x.arg, `${fn}: hlist_del`);
            x.goto('unlock');
          },
        }),
        kstep(fn, v('hlist_add_head(&interval_sub->deferred_item, &subscriptions->deferred_list);'), {
          guard: (m, f) => odd(m) && m.mirror(f.arg, MF.inTree) !== 0,
          run: (x) => deferredAdd(env, x, x.arg, `${fn}: hlist_add_head`),
        }),
        kstep(fn, v('interval_tree_remove(&interval_sub->interval_tree, &subscriptions->itree);'), {
          guard: (m) => !odd(m),
          run: (x) => {
            touchTree(env, x.shared, `${fn}: interval_tree_remove`);
            touchMirror(env, x.shared, x.arg, `${fn}: interval_tree_remove`);
            x.shared.setMirror(x.arg, MF.inTree, 0);
            x.goto('unlock');
          },
        }),
      ),
      kstep(fn, v('seq = subscriptions->invalidate_seq;'), {
        run: (x) => {
          x.local = x.shared.iv(IVF.seq);
        },
      }),
      label('unlock'),
      subsUnlock(env, fn, (x) => {
        if (x.local === 0) x.goto('drop');
      }),
      ...removeWait(env),
      label('drop'),
      mmdrop(env, fn),
    ],
  };
}

/**
 * The steps of `range->notifier_seq = mmu_interval_read_begin(range->notifier)` for mirror `arg`:
 * the seq read is the frame's local (low byte), bit 8 whether it is the running invalidation's.
 * The wait's condition is one unlocked read, in every version.
 */
export function readBegin(env: KernelEnv, labels = ''): KBody {
  const v = (code: string) => inVersion(env.kernel, code);
  const fn = 'mmu_interval_read_begin';
  return [
    kstep(fn, v('struct mmu_notifier_subscriptions *subscriptions = interval_sub->mm->notifier_subscriptions;'), {
      run: (x) => touchMirror(env, x.shared, x.arg, `${fn}: interval_sub->mm`),
    }),
    subsLock(env, fn),
    kstep(fn, v('seq = READ_ONCE(interval_sub->invalidate_seq);'), {
      run: (x) => {
        touchMirror(env, x.shared, x.arg, `${fn}: READ_ONCE(interval_sub->invalidate_seq)`);
        x.local = x.shared.mirror(x.arg, MF.seq);
      },
    }),
    kstep(fn, v('is_invalidating = seq == subscriptions->invalidate_seq;'), {
      run: (x) => {
        const seq = x.local & 0xff;
        x.local = seq | (seq === x.shared.iv(IVF.seq) ? 0x100 : 0);
      },
    }),
    subsUnlock(env, fn, (x) => {
      if (!(x.local & 0x100)) x.goto(`${labels}begun`);
    }),
    unlockedSeqWait(env, fn),
    label(`${labels}begun`),
  ];
}
