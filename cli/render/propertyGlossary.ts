/** What each kernel property protects against, in kernel terms, and the rule of the protocol that keeps it. */

/** Property id → a short explanation for a student: why a violation is a bug and what the protocol requires. */
export const PROPERTY_GLOSSARY: Readonly<Record<string, string>> = {
  'no-use-after-free':
    'Memory returned with kfree can be reused at once, so a later read or write through a stale pointer touches memory that now belongs to something else. ' +
    'An object that SRCU readers can still reach (a listener on the notifier list, the mmu_notifier_mm, the mm_struct) may be freed only after every reader that could have found it has left its read-side critical section: after a grace period that starts once the object is unreachable.',
  'no-callback-on-freed':
    'A notifier method or an SRCU callback runs driver code on a listener object; if that object is already freed, the driver works on freed memory. ' +
    'call_srcu guarantees only that the callback waits for the read-side critical sections active when it was queued: a reader that enters later and still finds the listener on the list is not waited for. ' +
    'So a listener must be unlinked from the notifier list before its destroy callback is queued.',
  'no-code-after-unload':
    "Driver methods, ->release and SRCU callbacks are code in the driver's module; once module exit frees that code, any call into it jumps into freed memory. " +
    "Each listener's module reference keeps module exit from starting while its ->release may still run, and mmu_notifier_synchronize() (srcu_barrier) in module exit waits for every queued callback, which in turn waits for the readers active when it was queued.",
  'barrier-waits-for-queued':
    'srcu_barrier must not return before every callback queued before it was called has completed: module exit relies on it before freeing the code those callbacks run. ' +
    "Tree SRCU keeps a callback list per CPU, so the barrier has to queue a marker behind the callbacks on every CPU's list; a barrier that looks only at its own CPU misses callbacks queued from other CPUs.",
  'grace-period':
    'An SRCU callback may run, and synchronize_srcu may return, only after every read-side critical section that was active when the callback was queued (or synchronize_srcu was called) has ended.',
  'no-bug-on':
    'A BUG_ON stops the kernel on a broken invariant: mm_count must still be positive wherever a reference is dropped, and the notifier list must be empty when the mmu_notifier_mm is destroyed.',
  'no-null-deref':
    "hlist_del_rcu leaves LIST_POISON2 in the node's pprev: unlinking the same node again dereferences the poison, and unlinking a node that was never on a list dereferences NULL. " +
    'Code that may unlink a node twice must use hlist_del_init_rcu and check hlist_unhashed.',
  'list-integrity': 'Adding a node that is already on a list corrupts the list: walkers may loop forever or skip nodes.',
  'release-before-pages-freed':
    'The mmu_notifier contract: ->release runs on every registered listener before exit_mmap frees the pages, so that secondary MMUs (a GPU, KVM) stop using them first; no page may be freed while a secondary MMU still maps it.',
  'no-leak': 'When every thread has finished, every object must have been freed and every reference dropped; anything left over is leaked memory.',
  'no-deadlock':
    'Some thread must always be able to move until all have finished. synchronize_srcu waits for every read-side critical section active when it is called, including its caller\'s own: ' +
    'calling it between srcu_read_lock and srcu_read_unlock on the same srcu_struct waits forever.',
  'release-at-most-once': '->release runs at most once per listener; a driver that frees state in ->release must not see it called twice.',
};

/** The explanation of property `id`, or a plain fallback for a property without one. */
export function explainProperty(id: string): string {
  return PROPERTY_GLOSSARY[id] ?? `The property ${id} must hold on every reachable state.`;
}
