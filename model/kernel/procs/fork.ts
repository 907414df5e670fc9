/** kernel/fork.c and exit_mmap: the exiting task's mmput, and __mmdrop freeing the notifier head and the mm. */
import { step, call } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelState } from '../state/KernelState.js';
import { Page } from '../state/Mm.js';
import { fault, listenerName, touchMm, touchNotifierMm } from '../faults.js';
import { mmdrop } from './common.js';

/**
 * `release-before-pages-freed` when exit_mmap frees the address space's pages: `->release` must have
 * run on every listener still registered by its driver (whether or not the page the model follows
 * is among them: a reclaimer may own that one).
 */
export function checkReleased(env: KernelEnv, g: KernelState): KernelState {
  g.listeners.forEach((l, i) => {
    if (l.registered && l.releases === 0) {
      g = fault(env, g, 'release-before-pages-freed', `exit_mmap frees the pages before ->release ran on ${listenerName(env, i)}`, `listener${i}.releases`);
    }
  });
  return g;
}

/** `who` frees the page the model follows: `release-before-pages-freed` if a live listener still maps it in its secondary MMU. */
export function freePage(env: KernelEnv, g: KernelState, who: string): KernelState {
  g.listeners.forEach((l, i) => {
    if (l.maps && !l.freed) {
      g = fault(env, g, 'release-before-pages-freed', `${who} frees the page while ${listenerName(env, i)} still maps it in its secondary MMU`, `listener${i}.secondary`);
    }
  });
  return g.setIn(['mm', 'page'], Page.Freed);
}

/** The exiting task's `mmput(mm)`: drop mm_users; the last user tears the address space down. */
export function mmputProc(env: KernelEnv): ProcDef<KernelState> {
  return {
    name: 'mmput',
    body: [
      step('mmput', 'if (atomic_dec_and_test(&mm->mm_users))', {
        run: (x) => {
          x.update((g) => touchMm(env, g, 'mmput').setIn(['mm', 'users'], g.mm.users - 1));
          if (x.shared.mm.users > 0) x.ret();
        },
      }),
      call('__mmu_notifier_release'),
      step('exit_mmap', 'unmap_vmas(&tlb, vma, 0, -1); free_pgtables(&tlb, vma, ...)', {
        kind: 'free',
        run: (x) =>
          x.update((g) => {
            g = checkReleased(env, touchMm(env, g, 'exit_mmap'));
            return g.mm.page === Page.Mapped ? freePage(env, g, 'exit_mmap') : g;
          }),
      }),
      mmdrop(env, 'mmput'),
    ],
  };
}

/** `__mmdrop`: `mmu_notifier_mm_destroy` (BUG if the list is not empty, then kfree) and `free_mm`. */
export function mmdropFreeProc(env: KernelEnv): ProcDef<KernelState> {
  const destroy = '__mmu_notifier_mm_destroy';
  return {
    name: '__mmdrop',
    body: [
      step(destroy, 'BUG_ON(!hlist_empty(&mm->mmu_notifier_mm->list))', {
        kind: 'check',
        run: (x) =>
          x.update((g) => {
            g = touchNotifierMm(env, g, destroy);
            if (g.nmm.freed || g.nmm.first < 0) return g;
            return fault(env, g, 'no-bug-on', `${destroy}: BUG_ON fires: ${listenerName(env, g.nmm.first)} is still on the notifier list`, 'list');
          }),
      }),
      step(destroy, 'kfree(mm->mmu_notifier_mm)', {
        kind: 'free',
        run: (x) => x.update((g) => touchNotifierMm(env, g, `${destroy}: kfree`).setIn(['nmm', 'freed'], true)),
      }),
      step('__mmdrop', 'free_mm(mm)', {
        kind: 'free',
        run: (x) => x.update((g) => touchMm(env, g, '__mmdrop: free_mm').setIn(['mm', 'freed'], true)),
      }),
    ],
  };
}
