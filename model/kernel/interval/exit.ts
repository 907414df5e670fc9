/**
 * The end of the address space in the interval era (kernel/fork.c, mm/mmap.c;
 * docs/interval-notifiers.md §I4.14, §I4.15): the last `mmput` runs `exit_mmap`, whose
 * `mmu_notifier_release` calls every subscription's `->invalidate` (`mn_itree_release`, which leaves
 * them in the tree) and whose `unmap_vmas` zaps and frees the page inside one more invalidation;
 * `__mmdrop` frees the subscriptions struct (checking only the classic list) and the mm.
 */
import { call, label } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import { IVF, type KernelMem } from '../KernelMem.js';
import { touchMm, touchNotifierMm } from '../faults.js';
import { kstep, mmdrop } from '../procs/common.js';
import { mmputStep } from '../procs/fork.js';
import { inVersion } from './names.js';
import { itreeInvalidateLoop, itreeInvEnd } from './itree.js';
import { invalidation } from './invalidation.js';

/** `mmput(mm)` of a task of the process: the last one tears the address space down. */
export function intervalMmputProc(env: KernelEnv): ProcDef<KernelMem> {
  return {
    name: 'mmput',
    body: [
      mmputStep(env),
      kstep('mmu_notifier_release', 'if (mm_has_notifiers(mm)) __mmu_notifier_release(mm);', {
        run: (x) => {
          touchMm(env, x.shared, 'mmu_notifier_release: mm_has_notifiers');
          if (!x.shared.iv(IVF.subs)) x.goto('unmap');
        },
      }),
      kstep(
        '__mmu_notifier_release',
        inVersion(env.kernel, 'if (subscriptions->has_itree) mn_itree_release(subscriptions, mm);'),
        {
          run: (x) => {
            touchNotifierMm(env, x.shared, '__mmu_notifier_release');
            if (!x.shared.iv(IVF.hasItree)) x.goto('unmap');
          },
        },
      ),
      ...itreeInvalidateLoop(env, 'mn_itree_release', 'rel'),
      label('rel:done'),
      ...itreeInvEnd(env, 'relend'),
      label('relend:end'),
      label('unmap'),
      ...invalidation(env, 'unmap_vmas'),
      mmdrop(env, '__mmput'),
    ],
  };
}

/**
 * A task's exit as far as the mm is concerned: `do_exit` → `exit_mm` → `mmput`. When it returns
 * (after `exit_mmap`, if this task dropped the last user) the task counts as gone; once every task
 * is, the process's files are released (`exit_files` comes after `exit_mm` in every task).
 */
export function taskExitProc(): ProcDef<KernelMem> {
  return {
    name: 'do_exit',
    body: [call<KernelMem>('mmput')],
    onReturn: (m) => {
      m.setIv(IVF.tasks, m.iv(IVF.tasks) - 1);
      return m;
    },
  };
}

/** `__mmdrop(mm)`: `mmu_notifier_subscriptions_destroy` when the mm has the struct, then `free_mm`. */
export function intervalMmdropFreeProc(env: KernelEnv): ProcDef<KernelMem> {
  const destroy = env.kernel === 'v5.5' ? '__mmu_notifier_mm_destroy' : '__mmu_notifier_subscriptions_destroy';
  return {
    name: '__mmdrop',
    body: [
      kstep(destroy, inVersion(env.kernel, 'BUG_ON(!hlist_empty(&mm->notifier_subscriptions->list));'), {
        kind: 'check',
        run: (x) => {
          if (!x.shared.iv(IVF.subs)) x.goto('free');
          else touchNotifierMm(env, x.shared, destroy);
        },
      }),
      kstep(destroy, inVersion(env.kernel, 'kfree(mm->notifier_subscriptions);'), {
        kind: 'free',
        run: (x) => {
          touchNotifierMm(env, x.shared, `${destroy}: kfree`);
          x.shared.nmmFreed = true;
        },
      }),
      label('free'),
      kstep('__mmdrop', 'free_mm(mm);', {
        kind: 'free',
        run: (x) => {
          touchMm(env, x.shared, '__mmdrop: free_mm');
          x.shared.mmFreed = true;
        },
      }),
    ],
  };
}
