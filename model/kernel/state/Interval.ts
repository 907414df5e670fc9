/**
 * The interval half of the per-mm notifier state (docs/interval-notifiers.md §I2), present only in
 * scenarios of the interval era: `mm->notifier_subscriptions` (v5.5: `mm->mmu_notifier_mm`) with its
 * sequence count, running ranges, interval tree, wait queue and deferred list, and the page the
 * mirrors follow. The spinlock and the freed flag are the classic `NotifierMm`'s: it is one struct.
 */
import { Record, type RecordOf } from 'immutable';

export interface IntervalProps {
  /** `mm->notifier_subscriptions` has been allocated (it stays NULL until the first registration). */
  readonly subs: boolean;
  /** `subscriptions->has_itree`. */
  readonly hasItree: boolean;
  /** `subscriptions->invalidate_seq`: even when idle, odd while an invalidation that hit the tree runs. */
  readonly seq: number;
  /** `subscriptions->active_invalidate_ranges`. */
  readonly active: number;
  /** Threads between `mmu_notifier_invalidate_range_start` and `_end` (mm_take_all_locks waits for none). */
  readonly ranging: number;
  /** The first mirror on `subscriptions->deferred_list`, or -1. */
  readonly deferredFirst: number;
  /**
   * `subscriptions->wq`: threads that set their task state in `wait_event` and have not been woken
   * since (a bitmask). Such a thread sleeps when its condition is false; `wake_up_all` empties it.
   */
  readonly armed: number;
  /** The content generation of the mirrored page: bumped by every change of its primary PTE. */
  readonly gen: number;
  /**
   * Tasks of the process that have not finished exiting (`do_exit` up to its `exit_mm`, which for
   * the last user includes `exit_mmap`). At zero the process's files are released (`exit_files`).
   */
  readonly tasks: number;
  /** Property bookkeeping for `no-stale-mapping`: the oldest generation a device mapping may be made from. */
  readonly validFrom: number;
}

/** An immutable interval state. */
export type Interval = RecordOf<IntervalProps>;

/** Builds an interval state: `invalidate_seq` starts at 2 (mmu_notifier_register's kzalloc'd state). */
export const makeInterval = Record<IntervalProps>(
  {
    subs: false,
    hasItree: false,
    seq: 2,
    active: 0,
    ranging: 0,
    deferredFirst: -1,
    armed: 0,
    tasks: 0,
    gen: 0,
    validFrom: 0,
  },
  'Interval',
);
