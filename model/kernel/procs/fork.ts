/** kernel/fork.c and exit_mmap: the exiting task's mmput, and __mmdrop freeing the notifier head and the mm. */
import { step, call } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelMem } from '../KernelMem.js';
import { Page } from '../state/Mm.js';
import { fault, listenerName, touchMm, touchNotifierMm } from '../faults.js';
import { mmdrop, type KStep } from './common.js';
import { atLeast } from '../versions.js';

/**
 * `release-before-pages-freed` when exit_mmap frees the address space's pages: `->release` must have
 * run on every listener still registered by its driver (whether or not the page the model follows
 * is among them: a reclaimer may own that one).
 */
export function checkReleased(env: KernelEnv, m: KernelMem): void {
  for (let i = 0; i < m.listenerCount; i++) {
    if (m.registered(i) && m.releases(i) === 0) {
      fault(
        env,
        m,
        'release-before-pages-freed',
        `exit_mmap frees the pages before ->release ran on ${listenerName(env, i)}`,
        `listener${i}.releases`,
      );
    }
  }
}

/** `who` frees the page the model follows: `release-before-pages-freed` if a live listener still maps it in its secondary MMU. */
export function freePage(env: KernelEnv, m: KernelMem, who: string): void {
  for (let i = 0; i < m.listenerCount; i++) {
    if (m.maps(i) && !m.freed(i)) {
      fault(
        env,
        m,
        'release-before-pages-freed',
        `${who} frees the page while ${listenerName(env, i)} still maps it in its secondary MMU`,
        `listener${i}.secondary`,
      );
    }
  }
  m.page = Page.Freed;
}

/** `mmput`'s drop of mm_users: a user that is not the last returns at once. */
export function mmputStep(env: KernelEnv): KStep {
  return step('mmput', 'if (atomic_dec_and_test(&mm->mm_users))', {
    run: (x) => {
      const m = x.shared;
      touchMm(env, m, 'mmput');
      if (m.mmUsers <= 0) {
        // A driver script's mmput of a user it never took: the count would go below zero, and the
        // address space is already being torn down under the caller. Reported, not followed.
        fault(
          env,
          m,
          'no-use-after-free',
          'mmput drops a user of the mm that nobody holds: mm_users is already 0, so the address space is torn down (or freed) under its caller',
          'mm',
        );
        x.ret();
        return;
      }
      m.mmUsers = m.mmUsers - 1;
      if (m.mmUsers > 0) x.ret();
    },
  });
}

/** The exiting task's `mmput(mm)`: drop mm_users; the last user tears the address space down. */
export function mmputProc(env: KernelEnv): ProcDef<KernelMem> {
  return {
    name: 'mmput',
    body: [
      mmputStep(env),
      call('__mmu_notifier_release'),
      step('exit_mmap', 'unmap_vmas(&tlb, vma, 0, -1)', {
        kind: 'free',
        run: (x) => {
          const m = x.shared;
          touchMm(env, m, 'exit_mmap');
          checkReleased(env, m);
          if (m.page === Page.Mapped) freePage(env, m, 'exit_mmap');
        },
      }),
      // From v4.7 mmput calls __mmput for the teardown, which ends with the mmdrop.
      mmdrop(env, atLeast(env.kernel, 'v5.4') ? '__mmput' : 'mmput'),
    ],
  };
}

/** `__mmdrop`: `mmu_notifier_mm_destroy` (BUG if the list is not empty, then kfree) and `free_mm`. */
export function mmdropFreeProc(env: KernelEnv): ProcDef<KernelMem> {
  const destroy = '__mmu_notifier_mm_destroy';
  return {
    name: '__mmdrop',
    body: [
      step(destroy, 'BUG_ON(!hlist_empty(&mm->mmu_notifier_mm->list))', {
        kind: 'check',
        run: (x) => {
          const m = x.shared;
          touchNotifierMm(env, m, destroy);
          if (m.nmmFreed || m.first < 0) return;
          fault(
            env,
            m,
            'no-bug-on',
            `${destroy}: BUG_ON fires: ${listenerName(env, m.first)} is still on the notifier list`,
            'list',
          );
        },
      }),
      step(destroy, 'kfree(mm->mmu_notifier_mm)', {
        kind: 'free',
        run: (x) => {
          touchNotifierMm(env, x.shared, `${destroy}: kfree`);
          x.shared.nmmFreed = true;
        },
      }),
      step('__mmdrop', 'free_mm(mm)', {
        kind: 'free',
        run: (x) => {
          touchMm(env, x.shared, '__mmdrop: free_mm');
          x.shared.mmFreed = true;
        },
      }),
    ],
  };
}
