/**
 * What each kernel property protects against, in kernel terms, and the rule of the protocol that
 * keeps it. A rule that names a versioned function says what that function is in the version checked.
 */
import type { Scenario } from '../../model/kernel/Scenario.js';
import { synchronizeIsGracePeriod } from '../../model/kernel/versions.js';

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
    "__hlist_del writes through the node's pprev (*pprev = next). hlist_del_init_rcu leaves pprev NULL and hlist_del_rcu leaves LIST_POISON2 in it, so hlist_del_rcu on a node that another path has already unlinked dereferences NULL or the poison. " +
    'hlist_unhashed tells whether the node is still on the list only while nobody else can unlink it: the test and the unlink must be made under the same lock (the notifier list lock, as mmu_notifier_unregister does in v3.9), ' +
    'or the unlink must be hlist_del_init_rcu, which leaves an unhashed node alone (v3.10 on); an unlocked test followed by hlist_del_rcu (v3.8) lets another path unlink the node in between.',
  'list-integrity':
    'Adding a node that is already on a list corrupts the list: walkers may loop forever or skip nodes.',
  'release-before-pages-freed':
    'The mmu_notifier contract: ->release runs on every registered listener before exit_mmap frees the pages, so that secondary MMUs (a GPU, KVM) stop using them first; no page may be freed while a secondary MMU still maps it. ' +
    "So a listener must stay on the notifier list until its ->release has run: a walker that does not find it (exit's __mmu_notifier_release, a reclaimer's invalidate_page) cannot make its secondary MMU drop the page.",
  'no-leak':
    'When every thread has finished, every object must have been freed and every reference dropped; anything left over is leaked memory.',
  'no-deadlock':
    "Some thread must always be able to move until all have finished. synchronize_srcu waits for every read-side critical section active when it is called, including its caller's own: " +
    'calling it between srcu_read_lock and srcu_read_unlock on the same srcu_struct waits forever.',
  'release-at-most-once':
    '->release runs at most once per listener; a driver that frees state in ->release must not see it called twice.',
  'callbacks-run':
    'call_srcu promises to invoke the callback once the read-side critical sections that might still see the object have ended; the driver frees its object there, and module exit waits for it. ' +
    'A callback that never runs, or a driver that keeps queueing callbacks for ever (a destroy that calls call_srcu on itself again), leaves its object allocated and the SRCU worker busy for good. ' +
    'Liveness: judged over runs that end and runs that go on for ever with every thread scheduled fairly.',
  'waits-return':
    'synchronize_srcu returns once every reader active when it was called has left; srcu_barrier once every callback queued before it has run; wait_event on the subscriptions wait queue once the invalidation in progress ends and wake_up_all runs. ' +
    'A wait that never returns holds its caller (exit, module unload, a page fault) for ever. Liveness: judged over runs that end and runs that go on for ever with every thread scheduled fairly.',
  'threads-finish':
    'Every thread of the scenario (exit, teardown, reclaim, faults) must run to its end; one kept from finishing while the others move for ever is starved or livelocked. Liveness: judged over fair runs.',
  'mm-freed':
    'The mm_struct is freed by the last mmdrop once exit has dropped the last user (mmput) and every mmgrab is balanced. A run that never gets there pins the whole address space. Liveness: judged over runs that end and runs that go on for ever with every thread scheduled fairly.',
};

/** The versions a rule's text depends on. */
export interface RuleVersions {
  /** mmu_notifier_synchronize() is synchronize_srcu (v5.4 on), not srcu_barrier (v3.17 to v5.3). */
  readonly synchronizeIsGracePeriod: boolean;
}

/** The rule versions of `scenario`. */
export function ruleVersionsOf(scenario: Scenario): RuleVersions {
  return {
    synchronizeIsGracePeriod: synchronizeIsGracePeriod(scenario.functions.mmu_notifier_synchronize ?? scenario.kernel),
  };
}

/** no-code-after-unload from v5.4, where mmu_notifier_synchronize() is synchronize_srcu. */
const CODE_AFTER_UNLOAD_GRACE_PERIOD =
  "Driver methods, ->release and SRCU callbacks are code in the driver's module; once module exit frees that code, any call into it jumps into freed memory. " +
  "Each listener's module reference keeps module exit from starting while its ->release may still run. mmu_notifier_synchronize() in module exit is synchronize_srcu from v5.4 (srcu_barrier before): " +
  "it waits for a grace period, the read-side critical sections active when it was called, not for the callbacks already queued, such as the mmu_notifier_free_rcu a put queues, which calls the module's free_notifier. " +
  "Classic SRCU's one FIFO queue runs those before the marker synchronize_srcu waits for; Tree SRCU keeps a queue per CPU, so a callback queued on another CPU may still run after it returns.";

/** The explanation of property `id` (in the versions checked, when given), or a plain fallback for a property without one. */
export function explainProperty(id: string, versions?: RuleVersions): string {
  if (id === 'no-code-after-unload' && versions?.synchronizeIsGracePeriod) return CODE_AFTER_UNLOAD_GRACE_PERIOD;
  return PROPERTY_GLOSSARY[id] ?? `The property ${id} must hold on every reachable state.`;
}
