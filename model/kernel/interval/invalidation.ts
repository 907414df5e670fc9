/**
 * A primary-MMU change of the mirrored page in the interval era (docs/interval-notifiers.md §I4.8,
 * §I4.9, §I4.16): `mmu_notifier_invalidate_range_start`, the PTE change that bumps the page's
 * generation, and `mmu_notifier_invalidate_range_end` — run by an invalidator task
 * (`zap_page_range_single`) and by `exit_mmap` (`unmap_vmas`). Only the interval half of each
 * `__mmu_notifier_invalidate_range_*` is modelled: the classic hlist is empty in this world.
 */
import { call, label } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import { IVF, type KernelMem } from '../KernelMem.js';
import { Page } from '../state/Mm.js';
import { touchMm, touchNotifierMm } from '../faults.js';
import { kstep, type KBody } from '../procs/common.js';
import { atLeast } from '../versions.js';
import { inVersion } from './names.js';
import { itreeInvalidateLoop, itreeInvEnd } from './itree.js';
import { checkStale } from './intervalFaults.js';

/** Marks the thread as inside (or out of) an invalidation: `mm_take_all_locks` in registration waits for none. */
function setRanging(m: KernelMem, tid: number, inside: boolean): void {
  const mask = m.iv(IVF.ranging);
  m.setIv(IVF.ranging, inside ? mask | (1 << tid) : mask & ~(1 << tid));
}

/** `mmu_notifier_invalidate_range_start(range)`: the wrapper's test, then the interval tree's half. */
export function rangeStartProc(env: KernelEnv): ProcDef<KernelMem> {
  return {
    name: 'mmu_notifier_invalidate_range_start',
    body: [
      kstep('mmu_notifier_invalidate_range_start', 'if (mm_has_notifiers(range->mm))', {
        run: (x) => {
          const m = x.shared;
          touchMm(env, m, 'mmu_notifier_invalidate_range_start: mm_has_notifiers');
          setRanging(m, x.tid, true);
          if (!m.iv(IVF.subs)) x.ret();
        },
      }),
      kstep('__mmu_notifier_invalidate_range_start', inVersion(env.kernel, 'if (subscriptions->has_itree)'), {
        run: (x) => {
          touchNotifierMm(env, x.shared, '__mmu_notifier_invalidate_range_start');
          if (!x.shared.iv(IVF.hasItree)) x.ret();
        },
      }),
      ...itreeInvalidateLoop(env, 'mn_itree_invalidate', 'inv'),
      label('inv:done'),
    ],
  };
}

/**
 * `mmu_notifier_invalidate_range_end(range)`, called with the page generation the change produced
 * as its argument: when it returns, no device mapping may be older than that (`no-stale-mapping`).
 */
export function rangeEndProc(env: KernelEnv): ProcDef<KernelMem> {
  const endCall = atLeast(env.kernel, 'v6.6')
    ? '__mmu_notifier_invalidate_range_end(range);'
    : '__mmu_notifier_invalidate_range_end(range, false);';
  return {
    name: 'mmu_notifier_invalidate_range_end',
    body: [
      kstep('mmu_notifier_invalidate_range_end', `if (mm_has_notifiers(range->mm)) ${endCall}`, {
        run: (x) => {
          touchMm(env, x.shared, 'mmu_notifier_invalidate_range_end: mm_has_notifiers');
          if (!x.shared.iv(IVF.subs)) x.ret();
        },
      }),
      kstep(
        '__mmu_notifier_invalidate_range_end',
        inVersion(env.kernel, 'if (subscriptions->has_itree) mn_itree_inv_end(subscriptions);'),
        {
          run: (x) => {
            touchNotifierMm(env, x.shared, '__mmu_notifier_invalidate_range_end');
            if (!x.shared.iv(IVF.hasItree)) x.ret();
          },
        },
      ),
      ...itreeInvEnd(env, 'end'),
      label('end:end'),
    ],
    onReturn: (m, f, tid) => {
      setRanging(m, tid, false);
      if (f.arg > m.iv(IVF.validFrom)) m.setIv(IVF.validFrom, f.arg);
      checkStale(env, m, 'the mapping remains');
      return m;
    },
  };
}

/** The statement of `who` that changes the page's PTE (the zap), in `env`'s version. */
export function zapStatement(env: KernelEnv, who: 'zap_page_range_single' | 'unmap_vmas'): string {
  if (who === 'unmap_vmas')
    return atLeast(env.kernel, 'v6.6')
      ? 'unmap_single_vma(tlb, vma, start, end, &details, mm_wr_locked);'
      : 'unmap_single_vma(tlb, vma, start_addr, end_addr, NULL);';
  return atLeast(env.kernel, 'v6.6')
    ? 'unmap_single_vma(&tlb, vma, address, end, details, false);'
    : 'unmap_single_vma(&tlb, vma, address, range.end, details);';
}

/**
 * One invalidation of the page by `who`: start, the PTE change (the page's generation is bumped;
 * `exit_mmap` also frees the page), end. The generation after the change is the frame's local,
 * passed to `mmu_notifier_invalidate_range_end`.
 */
export function invalidation(env: KernelEnv, who: 'zap_page_range_single' | 'unmap_vmas'): KBody {
  return [
    call<KernelMem>('mmu_notifier_invalidate_range_start'),
    kstep(who, zapStatement(env, who), {
      ...(who === 'unmap_vmas' ? { kind: 'free' as const } : {}),
      run: (x) => {
        const m = x.shared;
        touchMm(env, m, who);
        const gen = m.iv(IVF.gen) + 1;
        if (gen > 31) throw new Error('the page generation overflowed: more invalidations than the model encodes');
        m.setIv(IVF.gen, gen);
        if (who === 'unmap_vmas') m.page = Page.Freed;
        x.local = gen;
      },
    }),
    call<KernelMem>('mmu_notifier_invalidate_range_end', (f) => f.local),
  ];
}
