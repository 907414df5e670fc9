/**
 * A mirror: a driver object (lib/test_hmm.c's `struct dmirror`) with its embedded interval
 * subscription (`struct mmu_interval_notifier`), its mutex and its device page table for the one
 * page the model follows (docs/interval-notifiers.md §I2). The object and the subscription are
 * freed together.
 */
import { Record, type RecordOf } from 'immutable';
import { Link } from './Listener.js';

export interface MirrorProps {
  readonly freed: boolean;
  /**
   * Subscribed: from `mmu_interval_notifier_insert` (`interval_sub->mm = mm`) until the driver calls
   * `mmu_interval_notifier_remove`. `no-stale-mapping` holds the device mappings of subscribed
   * mirrors only: after remove the kernel owes the driver no further invalidation, and the driver
   * is tearing its device page table down.
   */
  readonly subscribed: boolean;
  /** In the interval tree (`!RB_EMPTY_NODE(&interval_sub->interval_tree.rb)`). */
  readonly inTree: boolean;
  /** `interval_sub->deferred_item` as hlist_unhashed() sees it (a `Link`). */
  readonly deferred: Link;
  /** `deferred_item.next`: the next mirror on the deferred list, or -1. */
  readonly deferredNext: number;
  /** `interval_sub->invalidate_seq`. */
  readonly seq: number;
  /** The thread holding the driver's mutex, or -1. */
  readonly mutex: number;
  /** The device mapping of the page: the page generation it was made from, or -1 for none. */
  readonly mapping: number;
  /** The generation the driver's fault path read from the CPU page table (its pfns array), or -1. */
  readonly readGen: number;
  /** `range.notifier_seq` of the fault in progress (a local of the fault path, kept here). */
  readonly faultSeq: number;
}

/** An immutable mirror. */
export type Mirror = RecordOf<MirrorProps>;

/** Builds a mirror. */
export const makeMirror = Record<MirrorProps>(
  {
    freed: false,
    subscribed: false,
    inTree: false,
    deferred: Link.Unhashed,
    deferredNext: -1,
    seq: 0,
    mutex: -1,
    mapping: -1,
    readGen: -1,
    faultSeq: 0,
  },
  'Mirror',
);
