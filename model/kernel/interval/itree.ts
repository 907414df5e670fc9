/**
 * The interval tree's side of an invalidation (mm/mmu_notifier.c, v5.5 on; docs/interval-notifiers.md
 * §I4.4–§I4.7, §I4.14): `mn_itree_inv_start_range` and the loop calling each hit subscription's
 * `->invalidate` (from `mn_itree_invalidate` or `mn_itree_release`), and `mn_itree_inv_end` with its
 * deferred inserts and removes. Written as body fragments, inlined into the procedures that run
 * them, so that an invalidation nests no deeper than the packed stack allows; every step keeps the
 * kernel function it belongs to. Each statement under `subscriptions->lock` is a step of its own
 * (§I3.1): `invalidate_seq` is also read without the lock.
 */
import { label } from '../../program/Step.js';
import type { KernelEnv } from '../KernelEnv.js';
import { IVF, MF, type KernelMem } from '../KernelMem.js';
import { Link } from '../state/Listener.js';
import { touchNotifierMm } from '../faults.js';
import { kstep, notifierLockStep, notifierUnlockStep, type KBody, type KContext, type KStep } from '../procs/common.js';
import { inVersion } from './names.js';
import { invokeMirror, touchMirror, touchTree } from './intervalFaults.js';
import { wakeAll } from './waitQueue.js';

/** The largest `invalidate_seq` the encoding holds (8 bits); a scenario never comes near it. */
const SEQ_MAX = 250;

/** `spin_lock(&subscriptions->lock)` in `fn`, waiting also while `guard` fails. */
export function subsLock(env: KernelEnv, fn: string, guard?: KStep['guard']): KStep {
  return notifierLockStep(env, fn, inVersion(env.kernel, 'spin_lock(&subscriptions->lock);'), guard ? { guard } : {});
}

/** `spin_unlock(&subscriptions->lock)` in `fn`; `then` runs after (e.g. to jump or return). */
export function subsUnlock(env: KernelEnv, fn: string, then?: (x: KContext) => void): KStep {
  return notifierUnlockStep(
    env,
    fn,
    inVersion(env.kernel, 'spin_unlock(&subscriptions->lock);'),
    then ? { after: then } : {},
  );
}

/** The first mirror after `after` in the interval tree (index order), or -1. */
function nextInTree(m: KernelMem, after: number): number {
  for (let i = after + 1; i < m.mirrorCount; i++) if (m.mirror(i, MF.inTree) !== 0) return i;
  return -1;
}

/** Raises `invalidate_seq` to odd. */
function setOdd(m: KernelMem): void {
  const seq = m.iv(IVF.seq) | 1;
  if (seq > SEQ_MAX)
    throw new Error(`invalidate_seq reached ${seq}: the scenario runs more invalidations than the model encodes`);
  m.setIv(IVF.seq, seq);
}

/**
 * `for (interval_sub = mn_itree_inv_start_range(subscriptions, range, &cur_seq); interval_sub;
 * interval_sub = mn_itree_inv_next(interval_sub, range)) ret = interval_sub->ops->invalidate(…)`:
 * `caller` is `mn_itree_invalidate` or `mn_itree_release`, whose call passes `&range`. The cursor
 * is the frame's local; control continues at `${prefix}:done`, which the caller places. `cur_seq` is
 * not kept: while this range is active `invalidate_seq` cannot move, so it equals the current value.
 */
export function itreeInvalidateLoop(
  env: KernelEnv,
  caller: 'mn_itree_invalidate' | 'mn_itree_release',
  prefix: string,
): KBody {
  const start = 'mn_itree_inv_start_range';
  const done = `${prefix}:done`;
  const loop = `${prefix}:loop`;
  const callbackCode =
    caller === 'mn_itree_invalidate'
      ? 'ret = interval_sub->ops->invalidate(interval_sub, range, cur_seq);'
      : 'ret = interval_sub->ops->invalidate(interval_sub, &range, cur_seq);';
  return [
    subsLock(env, start),
    kstep(start, inVersion(env.kernel, 'subscriptions->active_invalidate_ranges++;'), {
      run: (x) => {
        touchNotifierMm(env, x.shared, start);
        const active = x.shared.iv(IVF.active) + 1;
        if (active > 7) throw new Error('more than 7 invalidations run at once: more than the model encodes');
        x.shared.setIv(IVF.active, active);
      },
    }),
    kstep(
      start,
      inVersion(env.kernel, 'node = interval_tree_iter_first(&subscriptions->itree, range->start, range->end - 1);'),
      {
        run: (x) => {
          touchTree(env, x.shared, `${start}: interval_tree_iter_first`);
          x.local = nextInTree(x.shared, -1);
          if (x.local < 0) x.goto(`${prefix}:seq`);
        },
      },
    ),
    kstep(start, inVersion(env.kernel, 'subscriptions->invalidate_seq |= 1;'), { run: (x) => setOdd(x.shared) }),
    label(`${prefix}:seq`),
    kstep(start, inVersion(env.kernel, '*seq = subscriptions->invalidate_seq;')),
    subsUnlock(env, start, (x) => {
      if (x.local < 0) x.goto(done);
    }),
    label(loop),
    kstep(caller, inVersion(env.kernel, callbackCode), {
      kind: 'call',
      run: (x) => {
        invokeMirror(env, x.shared, x.local, `${caller}: interval_sub->ops->invalidate`);
        x.call(`${env.mirrors[x.local]}:invalidate`, x.local);
      },
    }),
    kstep(
      'mn_itree_inv_next',
      inVersion(
        env.kernel,
        'node = interval_tree_iter_next(&interval_sub->interval_tree, range->start, range->end - 1);',
      ),
      {
        run: (x) => {
          touchMirror(env, x.shared, x.local, 'mn_itree_inv_next: interval_tree_iter_next');
          touchTree(env, x.shared, 'mn_itree_inv_next: interval_tree_iter_next');
          x.local = nextInTree(x.shared, x.local);
          x.goto(x.local < 0 ? done : loop);
        },
      },
    ),
  ];
}

/**
 * `mn_itree_inv_end(subscriptions)`: the last running range to end makes the seq even, applies the
 * deferred inserts and removes, unlocks and wakes every waiter. Control continues at
 * `${prefix}:end`, which the caller places after this fragment.
 */
export function itreeInvEnd(env: KernelEnv, prefix: string): KBody {
  const fn = 'mn_itree_inv_end';
  const end = `${prefix}:end`;
  const each = `${prefix}:each`;
  const unlock = `${prefix}:unlock`;
  const v = (code: string) => inVersion(env.kernel, code);
  return [
    subsLock(env, fn),
    kstep(fn, v('if (--subscriptions->active_invalidate_ranges || !mn_itree_is_invalidating(subscriptions))'), {
      run: (x) => {
        const m = x.shared;
        touchNotifierMm(env, m, fn);
        const active = m.iv(IVF.active) - 1;
        if (active < 0) throw new Error('mn_itree_inv_end without a running range: the model is inconsistent');
        m.setIv(IVF.active, active);
        if (active === 0 && (m.iv(IVF.seq) & 1) === 1) x.goto(`${prefix}:last`);
      },
    }),
    subsUnlock(env, fn, (x) => x.goto(end)),
    label(`${prefix}:last`),
    kstep(fn, v('subscriptions->invalidate_seq++;'), {
      run: (x) => x.shared.setIv(IVF.seq, x.shared.iv(IVF.seq) + 1),
    }),
    label(each),
    kstep(fn, v('hlist_for_each_entry_safe(interval_sub, next, &subscriptions->deferred_list, deferred_item)'), {
      run: (x) => {
        const m = x.shared;
        x.local = m.iv(IVF.deferredFirst);
        if (x.local < 0) x.goto(unlock);
        else touchMirror(env, m, x.local, `${fn}: reading interval_sub->deferred_item.next`);
      },
    }),
    // `if (RB_EMPTY_NODE(&interval_sub->interval_tree.rb)) interval_tree_insert(…); else interval_tree_remove(…);`
    {
      type: 'choice',
      alternatives: [
        kstep(
          fn,
          v(
            'if (RB_EMPTY_NODE(&interval_sub->interval_tree.rb)) interval_tree_insert(&interval_sub->interval_tree, &subscriptions->itree);',
          ),
          {
            guard: (m, f) => m.mirror(f.local, MF.inTree) === 0,
            run: (x) => {
              touchTree(env, x.shared, `${fn}: interval_tree_insert`);
              touchMirror(env, x.shared, x.local, `${fn}: interval_tree_insert`);
              x.shared.setMirror(x.local, MF.inTree, 1);
            },
          },
        ),
        kstep(fn, v('else interval_tree_remove(&interval_sub->interval_tree, &subscriptions->itree);'), {
          guard: (m, f) => m.mirror(f.local, MF.inTree) !== 0,
          run: (x) => {
            touchTree(env, x.shared, `${fn}: interval_tree_remove`);
            x.shared.setMirror(x.local, MF.inTree, 0);
          },
        }),
      ],
    },
    kstep(fn, v('hlist_del(&interval_sub->deferred_item);'), {
      run: (x) => {
        const m = x.shared;
        touchMirror(env, m, x.local, `${fn}: hlist_del`);
        const next = m.mirror(x.local, MF.deferredNext);
        if (next >= 0) touchMirror(env, m, next, `${fn}: hlist_del (next->pprev)`);
        m.setIv(IVF.deferredFirst, next);
        m.setMirror(x.local, MF.deferred, Link.Poisoned);
        x.goto(each);
      },
    }),
    label(unlock),
    subsUnlock(env, fn),
    kstep(fn, v('wake_up_all(&subscriptions->wq);'), {
      run: (x) => {
        touchNotifierMm(env, x.shared, `${fn}: wake_up_all`);
        wakeAll(x.shared);
      },
    }),
  ];
}
