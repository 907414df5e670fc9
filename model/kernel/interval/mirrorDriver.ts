/**
 * The HMM mirror driver (lib/test_hmm.c's `dmirror`, the pattern of Documentation/vm/hmm.rst;
 * docs/interval-notifiers.md §I6): its fault path, its `->invalidate` callback and its teardown, for
 * the correct pattern and each broken variant of `MIRROR_DRIVERS`. Every procedure takes the mirror
 * as its argument. Statements of the driver are the driver's own C; the kernel calls it makes keep
 * their kernel function (`mmu_interval_read_begin`, `hmm_range_fault`, …).
 */
import { call, label } from '../../program/Step.js';
import type { ProcDef } from '../../program/Proc.js';
import type { KernelEnv } from '../KernelEnv.js';
import { IVF, MF, type KernelMem } from '../KernelMem.js';
import type { MirrorDriver } from '../Scenario.js';
import { touchMm } from '../faults.js';
import { kstep, type KBody, type KStep } from '../procs/common.js';
import { inVersion } from './names.js';
import { readBegin } from './intervalApi.js';
import { checkStale, touchMirror } from './intervalFaults.js';

/** `mutex_lock(&dmirror->mutex)` in driver function `fn`: waits while another thread holds it. */
function mutexLock(env: KernelEnv, fn: string): KStep {
  return kstep(fn, 'mutex_lock(&dmirror->mutex);', {
    kind: 'acquire',
    guard: (m, f) => m.mirror(f.arg, MF.mutex) < 0,
    run: (x) => {
      touchMirror(env, x.shared, x.arg, `${fn}: mutex_lock`);
      x.shared.setMirror(x.arg, MF.mutex, x.tid);
    },
  });
}

function mutexUnlock(env: KernelEnv, fn: string, then?: string): KStep {
  return kstep(fn, 'mutex_unlock(&dmirror->mutex);', {
    kind: 'release',
    run: (x) => {
      touchMirror(env, x.shared, x.arg, `${fn}: mutex_unlock`);
      x.shared.setMirror(x.arg, MF.mutex, -1);
      if (then !== undefined) x.goto(then);
    },
  });
}

/** `dmirror_interval_invalidate`: lock, set the seq, unmap the device range, unlock — in the variant's order. */
function invalidateBody(env: KernelEnv, driver: MirrorDriver): KBody {
  const fn = 'dmirror_interval_invalidate';
  const lock = mutexLock(env, fn);
  const unlock = mutexUnlock(env, fn);
  const setSeq = kstep(
    'mmu_interval_set_seq',
    inVersion(env.kernel, 'WRITE_ONCE(interval_sub->invalidate_seq, cur_seq);'),
    {
      run: (x) => {
        touchMirror(env, x.shared, x.arg, 'mmu_interval_set_seq');
        x.shared.setMirror(x.arg, MF.seq, x.shared.iv(IVF.seq));
      },
    },
  );
  const unmap = kstep(fn, 'dmirror_do_update(dmirror, range->start, range->end);', {
    run: (x) => {
      touchMirror(env, x.shared, x.arg, `${fn}: dmirror_do_update`);
      x.shared.setMirror(x.arg, MF.mapping, -1);
    },
  });
  switch (driver) {
    case 'invalidate-unlocked':
      return [setSeq, unmap];
    case 'remove-from-invalidate':
      // Drops the mirror from its own callback (e.g. on MMU_NOTIFY_UNMAP): remove waits for this very invalidation.
      return [lock, setSeq, unmap, unlock, call<KernelMem>('mmu_interval_notifier_remove')];
    case 'skip-invalidate-on-exit':
      // An early lib/test_hmm.c posting: without a user of the mm the callback returns at once, unmapping nothing.
      return [
        kstep(fn, 'if (!mmget_not_zero(dmirror->notifier.mm)) return true;', {
          run: (x) => {
            const m = x.shared;
            touchMm(env, m, `${fn}: mmget_not_zero`);
            if (m.mmUsers === 0) x.ret();
            else m.mmUsers = m.mmUsers + 1;
          },
        }),
        lock,
        setSeq,
        unmap,
        unlock,
        kstep(fn, 'mmput(dmirror->notifier.mm);', {
          run: (x) => {
            const m = x.shared;
            touchMm(env, m, `${fn}: mmput`);
            // The invalidating task holds its own user reference, so this is never the last one.
            if (m.mmUsers <= 1)
              throw new Error(
                `${fn}: mmput would drop the last user inside a callback, which the model does not follow`,
              );
            m.mmUsers = m.mmUsers - 1;
          },
        }),
      ];
    case 'set-seq-after-unlock':
      return [lock, unmap, unlock, setSeq];
    case 'set-seq-before-lock':
      return [setSeq, lock, unmap, unlock];
    default:
      return [lock, setSeq, unmap, unlock];
  }
}

/**
 * `dmirror_fault` → `dmirror_range_fault`: pin the mm, read_begin, walk the page table
 * (`hmm_range_fault`, which first checks `mmu_interval_check_retry`), take the mutex, check
 * `mmu_interval_read_retry` (retrying from read_begin when the seq moved), map, unlock, `mmput`.
 */
function faultBody(env: KernelEnv, driver: MirrorDriver): KBody {
  const fn = 'dmirror_range_fault';
  const v = (code: string) => inVersion(env.kernel, code);
  const retry = driver !== 'no-read-retry';
  // read-begin-under-lock: the mutex is taken before read_begin and held across the retry loop.
  const early = driver === 'read-begin-under-lock';
  return [
    kstep('dmirror_fault', 'if (!mmget_not_zero(mm))', {
      run: (x) => {
        const m = x.shared;
        touchMm(env, m, 'dmirror_fault: mmget_not_zero');
        if (m.mmUsers === 0) x.ret();
        else m.mmUsers = m.mmUsers + 1;
      },
    }),
    ...(early ? [mutexLock(env, fn)] : []),
    label('again'),
    ...readBegin(env),
    kstep('hmm_range_fault', v('if (mmu_interval_check_retry(range->notifier, range->notifier_seq))'), {
      run: (x) => {
        touchMirror(env, x.shared, x.arg, 'mmu_interval_check_retry');
        if (x.shared.mirror(x.arg, MF.seq) !== (x.local & 0xff)) x.goto('again');
      },
    }),
    kstep(
      'hmm_range_fault',
      'ret = walk_page_range(mm, hmm_vma_walk.last, range->end, &hmm_walk_ops, &hmm_vma_walk);',
      {
        run: (x) => {
          touchMm(env, x.shared, 'hmm_range_fault: walk_page_range');
          x.shared.setMirror(x.arg, MF.readGen, x.shared.iv(IVF.gen));
        },
      },
    ),
    ...(early ? [] : [mutexLock(env, fn)]),
    ...(retry
      ? [
          kstep(fn, 'if (mmu_interval_read_retry(range->notifier, range->notifier_seq))', {
            run: (x) => {
              touchMirror(env, x.shared, x.arg, 'mmu_interval_read_retry');
              if (x.shared.mirror(x.arg, MF.seq) === (x.local & 0xff)) x.goto('map');
            },
          }),
          early
            ? kstep(fn, 'goto again;  /* the mutex stays held */', { run: (x) => x.goto('again') })
            : mutexUnlock(env, fn, 'again'),
        ]
      : []),
    label('map'),
    kstep(fn, 'ret = dmirror_do_fault(dmirror, range);', {
      run: (x) => {
        const m = x.shared;
        touchMirror(env, m, x.arg, `${fn}: dmirror_do_fault`);
        m.setMirror(x.arg, MF.mapping, m.mirror(x.arg, MF.readGen));
        checkStale(env, m, 'the fault path creates it');
      },
    }),
    mutexUnlock(env, fn),
    // doc-no-mmput: the fault path as the HMM documentation prints it, without the final mmput.
    ...(driver === 'doc-no-mmput' ? [] : [call<KernelMem>('mmput')]),
  ];
}

/** `dmirror_fops_release`: remove the subscription, destroy the device page table, free the object. */
function teardownBody(env: KernelEnv, driver: MirrorDriver): KBody {
  const fn = 'dmirror_fops_release';
  const remove = call<KernelMem>('mmu_interval_notifier_remove');
  const removal =
    driver === 'free-without-remove' || driver === 'remove-from-invalidate'
      ? []
      : driver === 'remove-under-driver-lock'
        ? [mutexLock(env, fn), remove, mutexUnlock(env, fn)]
        : [remove];
  return [
    ...removal,
    kstep(fn, 'xa_destroy(&dmirror->pt);', {
      run: (x) => {
        touchMirror(env, x.shared, x.arg, `${fn}: xa_destroy`);
        x.shared.setMirror(x.arg, MF.mapping, -1);
      },
    }),
    kstep(fn, 'kfree(dmirror);', {
      kind: 'free',
      run: (x) => {
        touchMirror(env, x.shared, x.arg, `${fn}: kfree`);
        x.shared.setMirror(x.arg, MF.freed, 1);
      },
    }),
  ];
}

/** The procedures of every driver in `drivers` (each once): `<driver>:invalidate`, `:fault`, `:teardown`. */
export function mirrorDriverProcs(env: KernelEnv, drivers: readonly MirrorDriver[]): ProcDef<KernelMem>[] {
  return [...new Set(drivers)].flatMap((d) => [
    { name: `${d}:invalidate`, body: invalidateBody(env, d) },
    { name: `${d}:fault`, body: faultBody(env, d) },
    { name: `${d}:teardown`, body: teardownBody(env, d) },
  ]);
}
