/**
 * What the statements of the interval era (docs/interval-notifiers.md) do, in a sentence a student
 * can follow: the sequence-count handshake of mmu_interval_notifier and the HMM mirror driver. Read
 * by kernelGlossary.ts before its own entries.
 */

/** Statement pattern → what it does (a verb phrase the thread's name is put in front of). */
export const INTERVAL_STATEMENTS: readonly (readonly [RegExp, string])[] = [
  [/active_invalidate_ranges\+\+/, 'counts one more invalidation running on the mm'],
  [
    /--\w+->active_invalidate_ranges/,
    'counts one invalidation less; only the last one to end, with invalidate_seq odd, goes on to end the invalidation',
  ],
  [/interval_tree_iter_first/, 'looks in the interval tree for a subscription whose range the invalidation hits'],
  [/interval_tree_iter_next/, 'looks for the next subscription the range hits (it reads the current one)'],
  [
    /->invalidate_seq \|= 1/,
    'makes invalidate_seq odd: the tree is being invalidated, so inserts and removes are deferred and read_begin of a hit subscription sleeps',
  ],
  [/^\*seq = /, 'takes the running seq as cur_seq, the value the callbacks will set'],
  [/->ops->invalidate\(/, "calls the subscription's ->invalidate callback (driver code) with cur_seq"],
  [
    /->invalidate_seq\+\+/,
    'makes invalidate_seq even: the invalidation is over — the deferred list is processed next, under the same lock',
  ],
  [/hlist_for_each_entry_safe/, 'walks the deferred list (it reads the next subscription on it)'],
  [/interval_tree_insert/, 'inserts the subscription into the interval tree'],
  [/interval_tree_remove/, 'removes the subscription from the interval tree'],
  [/^hlist_del\(&\w+->deferred_item\)/, 'takes the subscription off the deferred list'],
  [
    /^hlist_add_head\(&\w+->deferred_item/,
    'puts the subscription on the deferred list: it is inserted or removed when the running invalidations end',
  ],
  [/wake_up_all/, 'wakes every thread waiting on the subscriptions wait queue'],
  [
    /^wait_event\(.*READ_ONCE\(/,
    'waits until invalidate_seq moves past the seq it saw, reading it without subscriptions->lock',
  ],
  [/^seq = \w+->invalidate_seq/, 'remembers the running (odd) seq, to wait until it has moved'],
  [/^ret = \w+->invalidate_seq != seq/, 'reads invalidate_seq under the lock to see whether it has moved'],
  [/^seq = READ_ONCE\(/, "reads its subscription's own seq"],
  [
    /^is_invalidating = /,
    'compares it with the running seq: equal means its subscription is being invalidated now, and it must wait',
  ],
  [
    /mmu_interval_check_retry/,
    'checks, without the driver mutex (a hint only), whether the seq moved since read_begin',
  ],
  [/walk_page_range/, 'reads the CPU page table: the contents the device mapping will be made from'],
  [
    /mmu_interval_read_retry/,
    'checks, under the driver mutex, whether an invalidation set the seq since read_begin; if so the fault starts again',
  ],
  [/dmirror_do_fault|^drv_map\(/, "programs the device's page table with the page it read"],
  [/dmirror_do_update|^drv_unmap\(/, "clears the device's mapping of the invalidated range"],
  [
    /^WRITE_ONCE\(\w+->invalidate_seq, cur_seq\)/,
    "sets the subscription's seq to cur_seq (mmu_interval_set_seq), so that a fault in progress will retry",
  ],
  [/^mutex_lock\(&\w+->mutex\)/, "takes the driver's mutex"],
  [/^mutex_unlock\(&\w+->mutex\)/, "releases the driver's mutex"],
  [/^spin_lock\(&(?!subscriptions->|mmn_mm->)\w+->lock\)/, "takes the driver's spinlock"],
  [/^spin_unlock\(&(?!subscriptions->|mmn_mm->)\w+->lock\)/, "releases the driver's spinlock"],
  [/^module_put\(THIS_MODULE\)/, "drops the driver's module reference: from here rmmod may free the module's code"],
  [/mmget_not_zero/, 'takes a user reference of the mm, unless it has no users left'],
  [/xa_destroy/, "destroys the device's page table"],
  [/kfree\(dmirror\)/, 'frees the driver object, and with it the interval subscription embedded in it'],
  [/kfree\(mm->notifier_subscriptions\)/, 'frees the mmu_notifier_subscriptions'],
  [/has_itree = true/, 'registers the interval tree on the mm (under mm_take_all_locks: no invalidation is running)'],
  [/^mmgrab\(mm\)/, "takes an mm_count reference, dropped by remove's mmdrop"],
  [
    /^unmap_single_vma\(/,
    'changes the page in the primary MMU (zaps its PTE): the contents the device may have read are gone',
  ],
  [/mm_has_notifiers/, 'tests whether the mm has notifier subscriptions'],
  [/^if \(\w+->has_itree\)/, 'tests whether the mm has an interval tree'],
  [/^if \(!\w+ \|\| !\w+->has_itree\)/, 'tests whether the mm already has an interval tree'],
];
