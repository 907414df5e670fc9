/**
 * What a kernel statement of the model does, in a sentence a student can follow. Matched on the C
 * statement a step stands for; a statement without an entry falls back to its step kind.
 */
import type { RenderedStep } from '../../checker/renderSteps.js';
import { INTERVAL_STATEMENTS } from './intervalGlossary.js';

/** The step drops mm_users to zero. */
function lastUser(step: RenderedStep): boolean {
  return step.changes.some((c) => c.field === 'mm.users' && c.to === 0);
}

/**
 * Statement pattern → what it does: a verb phrase the thread's name is put in front of, or a whole
 * sentence (capitalised); with a condition on the step, the entry applies only when it holds.
 */
const STATEMENTS: readonly (readonly [RegExp, string, ((step: RenderedStep) => boolean)?])[] = [
  [
    /atomic_dec_and_test\(&mm->mm_users\)/,
    'drops the last user reference of the address space (mm_users), so the mm is torn down: the notifiers get ->release and exit_mmap frees the pages',
    lastUser,
  ],
  [
    /atomic_dec_and_test\(&mm->mm_users\)/,
    'drops a user reference of the address space (mm_users); others remain, so mmput returns without tearing the mm down',
  ],
  [
    /srcu_read_lock/,
    'enters an SRCU read-side critical section: a callback queued, or a synchronize_srcu called, while it is inside must wait until it leaves',
  ],
  [
    /srcu_read_unlock/,
    'leaves its SRCU read-side critical section: callbacks and grace periods that waited for it may now go ahead',
  ],
  [
    /hlist_for_each_entry_rcu.*mn = next/,
    "follows the listener's next pointer to the next listener (it reads the listener object)",
  ],
  [
    /hlist_for_each_entry_rcu/,
    'reads the head of the notifier list (inside the mmu_notifier_mm) to find the first listener',
  ],
  [
    /->release\(mn, mm\)/,
    "calls the listener's ->release method (driver code): the driver stops its secondary MMU from using the address space",
  ],
  [
    /mn->ops->free_notifier\(mn\)/,
    "runs mmu_notifier_free_rcu (core code), which calls the driver's free_notifier method: module code that frees the listener object",
  ],
  [/mn->ops->(\w+)/, "calls the listener's $1 method: driver module code that runs on the listener object"],
  [/^spin_lock/, 'takes the notifier list lock'],
  [/^spin_unlock/, 'releases the notifier list lock'],
  [
    /hlist_del_init_rcu/,
    'unlinks the listener from the notifier list; a reader already walking the list can still reach it, so it may be freed only after a grace period',
  ],
  [
    /hlist_del_rcu/,
    "unlinks the listener with hlist_del_rcu: __hlist_del writes through the node's pprev (*pprev = next), which must point into the list, then leaves LIST_POISON2 in it",
  ],
  [
    /if \(!hlist_unhashed/,
    "tests whether the listener is still on the notifier list: hlist_unhashed reads the node's pprev, which an unlink by hlist_del_init_rcu sets to NULL",
  ],
  [
    /call_srcu\(&srcu, &mn->rcu, mmu_notifier_free_rcu\)/,
    "queues mmu_notifier_free_rcu (core code) with call_srcu: SRCU runs it once every read-side critical section active now has ended, and it calls the driver's free_notifier and drops the notifier's mm_count reference",
  ],
  [
    /mn->users\+\+/,
    'finds the node with its ops on the notifier list and takes one more user of it (mn->users), under the list lock',
  ],
  [
    /--mn->users\) goto out_unlock/,
    'drops one user of the notifier (mn->users); it was not the last, so the node stays on the list',
  ],
  [
    /mn = ops->alloc_notifier/,
    "allocates a new notifier with the driver's alloc_notifier: no node with its ops is on the list",
  ],
  [
    /^mmgrab\(mm\)/,
    'takes an mm_count reference for the new notifier (mmgrab), which mmu_notifier_free_rcu drops; the notifier starts with one user',
  ],
  [
    /hlist_add_head_rcu/,
    'publishes the listener at the head of the notifier list: walkers that start from now on find it',
  ],
  [
    /drv_zap_sptes/,
    "drops its secondary MMU's mappings (sptes) of the mm itself: once mmu_notifier_put unlinks the node, no ->release is called for it",
  ],
  [
    /(?:head|rhp)->func\((?:head|rhp)\).*complete\(\)/,
    'The SRCU worker reaches the marker of a synchronize_srcu or srcu_barrier and wakes its caller',
  ],
  [
    /(?:head|rhp)->func\((?:head|rhp)\)/,
    'The SRCU worker starts the callback at the head of its queue, whose grace period has ended',
  ],
  [
    /synchronize_srcu\(&srcu\)/,
    'calls synchronize_srcu: it waits until every read-side critical section active now has ended',
  ],
  [
    /^synchronize_srcu\(sp\)|rcu_segcblist_entrain/,
    'calls srcu_barrier: it must wait until every callback queued so far has completed',
  ],
  [
    /mmu_notifier_call_srcu|call_srcu/,
    "queues the driver's destroy callback with call_srcu: SRCU runs it once every read-side critical section active now has ended, but does not wait for readers that enter later",
  ],
  [
    /atomic_inc\(&mm->mm_count\)/,
    'takes an extra mm_count reference, so the mm_struct stays allocated until the driver drops it',
  ],
  [
    /BUG_ON\(atomic_read\(&mm->mm_count\) <= 0\); mmdrop/,
    'checks that mm_count is positive and drops one reference (mmdrop); at zero the mm_struct is freed',
  ],
  [/BUG_ON\(atomic_read/, 'checks that mm_count is still positive'],
  [
    /^mmdrop\(mm\)|atomic_dec_and_test\(&mm->mm_count\)/,
    'drops an mm_count reference (mmdrop); at zero the mm_struct is freed',
  ],
  [/BUG_ON\(!hlist_empty/, 'checks that the notifier list is empty before the mmu_notifier_mm is freed'],
  [/kfree\(mm->mmu_notifier_mm\)/, 'frees the mmu_notifier_mm, the head of the notifier list'],
  [/free_mm\(mm\)/, 'frees the mm_struct'],
  [/^kfree\(/, 'frees the listener object'],
  [/wait_for_completion\(&rcu\.completion\)/, 'returns from synchronize_srcu: the grace period has ended'],
  [/srcu_barrier_completion/, 'returns from srcu_barrier'],
  [/mn->users\+\+/, 'takes one more user of the notifier that has its ops'],
  [
    /try_stop_module|wait_for_zero_refcount/,
    "starts module exit: the module's reference count is zero, so no listener holds the module any more",
  ],
  [/module_memfree/, "frees the module's code: any later call into the driver jumps into freed memory"],
  [/unmap_vmas/, "unmaps and frees the process's pages (exit_mmap)"],
  [/ptep_clear_flush/, "clears the page's mapping in the primary MMU (page reclaim)"],
  [/free_hot_cold_page_list|free_unref_page_list/, 'frees the page (page reclaim)'],
];

const KINDS: Readonly<Record<string, string>> = {
  acquire: 'takes a lock',
  release: 'releases a lock',
  'srcu-lock': 'enters an SRCU read-side critical section',
  'srcu-unlock': 'leaves its SRCU read-side critical section',
  call: 'calls driver code',
  free: 'frees memory',
  wait: 'waits',
  queue: 'queues an SRCU callback',
  check: 'checks an invariant',
};

/** What `step` does: a verb phrase for the thread's name, a whole sentence when capitalised, or '' when unknown. */
export function explainStatement(step: RenderedStep): string {
  for (const [pattern, text] of INTERVAL_STATEMENTS) if (pattern.test(step.code)) return text;
  for (const [pattern, text, applies] of STATEMENTS) {
    const m = pattern.exec(step.code);
    if (m && (applies?.(step) ?? true)) return text.replace('$1', m[1] ?? '');
  }
  return step.kind === undefined ? '' : (KINDS[step.kind] ?? '');
}
