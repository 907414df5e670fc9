/** The other threads of a scenario: notifier readers, page reclaimers and the driver module's exit. */
import { step, call, label } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import type { KernelMem } from '../KernelMem.js';
import { Page } from '../state/Mm.js';
import { touchMm } from '../faults.js';
import { hlistWalkHead, invokeMethod, mmdropBody, srcuLock, srcuUnlock, walkList } from './common.js';
import { freePage } from './fork.js';
import { anyInvalidateRangeStart } from './listeners.js';
import type { KernelVersion } from '../Scenario.js';
import { atLeast } from '../versions.js';

/** An `invalidate_range_start` reader holding an mm_count reference for its whole run. */
export function invalidateReaderProc(env: KernelEnv): ProcDef<KernelMem> {
  const fn = '__mmu_notifier_invalidate_range_start';
  // v5.4 passes a struct mmu_notifier_range and collects the method's return value.
  const ranged = atLeast(env.kernel, 'v5.4');
  const head = ranged ? hlistWalkHead(env.kernel, '&range->mm->mmu_notifier_mm->list') : hlistWalkHead(env.kernel);
  const method = ranged
    ? '_ret = mn->ops->invalidate_range_start(mn, range)'
    : 'mn->ops->invalidate_range_start(mn, mm, start, end)';
  return {
    name: 'invalidate_reader',
    body: [
      srcuLock(fn),
      ...walkList(
        env,
        fn,
        head,
        method,
        (x, l) => invokeMethod(env, x, l, 'the driver method invalidate_range_start'),
        'done',
        anyInvalidateRangeStart(env) ? (l) => `${env.behaviours[l]}->invalidate_range_start` : undefined,
      ),
      label('done'),
      srcuUnlock(fn),
      label('drop'),
      mmdropBody(env),
    ],
  };
}

/**
 * A page reclaimer (`try_to_unmap`): if the page is still mapped it unmaps it, calls
 * `invalidate_page` on every notifier and frees the page; otherwise exit_mmap owns the page.
 * v5.4 has no `invalidate_page` (gone in v4.13): the per-page call after the PTE is cleared is
 * `invalidate_range`, through `__mmu_notifier_invalidate_range`.
 */
export function reclaimerProc(env: KernelEnv): ProcDef<KernelMem> {
  const perRange = atLeast(env.kernel, 'v5.4');
  const fn = perRange ? '__mmu_notifier_invalidate_range' : '__mmu_notifier_invalidate_page';
  const method = perRange
    ? 'mn->ops->invalidate_range(mn, mm, start, end)'
    : 'mn->ops->invalidate_page(mn, mm, address)';
  return {
    name: 'reclaimer',
    body: [
      step(
        'try_to_unmap_one',
        perRange ? 'pteval = ptep_clear_flush(vma, address, pvmw.pte)' : 'pteval = ptep_clear_flush(vma, address, pte)',
        {
          run: (x) => {
            touchMm(env, x.shared, 'try_to_unmap_one');
            if (x.shared.page === Page.Mapped) x.shared.page = Page.Isolated;
            else x.goto('drop');
          },
        },
      ),
      srcuLock(fn),
      ...walkList(
        env,
        fn,
        hlistWalkHead(env.kernel),
        method,
        (x, l) => invokeMethod(env, x, l, `the driver method ${perRange ? 'invalidate_range' : 'invalidate_page'}`),
        'unlock',
      ),
      label('unlock'),
      srcuUnlock(fn),
      step('shrink_page_list', freePageList(env.kernel), {
        kind: 'free',
        run: (x) => freePage(env, x.shared, 'the reclaimer'),
      }),
      label('drop'),
      mmdropBody(env),
    ],
  };
}

/**
 * shrink_page_list's free of the reclaimed pages: `int cold` until v3.16, `bool` from v3.16,
 * free_unref_page_list from v4.15.
 */
function freePageList(version: KernelVersion): string {
  if (atLeast(version, 'v5.4')) return 'free_unref_page_list(&free_pages)';
  return atLeast(version, 'v3.17')
    ? 'free_hot_cold_page_list(&free_pages, true)'
    : 'free_hot_cold_page_list(&free_pages, 1)';
}

/**
 * The driver module's exit: wait until no listener holds the module, optionally synchronize, free
 * the code. Up to v3.18 delete_module waits for the reference count itself; from v3.19
 * try_stop_module refuses while it is not zero, and the wait is rmmod's retry.
 */
export function moduleExitProc(env: KernelEnv, synchronize: boolean): ProcDef<KernelMem> {
  const wait = atLeast(env.kernel, 'v5.4')
    ? 'ret = try_stop_module(mod, flags, &forced)  /* module refcount is zero */'
    : 'if (!forced && module_refcount(mod) != 0) wait_for_zero_refcount(mod)';
  return {
    name: synchronize ? 'module_exit' : 'module_exit_nosync',
    body: [
      step('delete_module', wait, {
        kind: 'wait',
        guard: (m) => {
          for (let l = 0; l < m.listenerCount; l++) if (m.holdsModule(l)) return false;
          return true;
        },
      }),
      ...(synchronize ? [call<KernelMem>('mmu_notifier_synchronize')] : []),
      step('free_module', 'module_memfree(mod->module_core)', {
        kind: 'free',
        run: (x) => (x.shared.moduleLoaded = false),
      }),
    ],
  };
}
