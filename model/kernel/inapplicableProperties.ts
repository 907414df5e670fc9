/**
 * Which properties a scenario's model cannot violate, and why: no step of the model can record
 * them. The history table shows these cells as "not applicable" instead of checking them. The
 * rules are conservative: a property is listed only when the steps that can violate it are absent.
 */
import type { KernelPropertyId } from './PropertyId.js';
import type { Scenario } from './Scenario.js';
import { synchronizeIsGracePeriod, unregisterVariant } from './versions.js';
import { isIntervalWorld, otherWorldProperty } from './era.js';
import { KERNEL_PROPERTY_IDS } from './PropertyId.js';
import { usesOp } from './drivers/DriverScript.js';

/** An interval-era scenario: the classic world's properties have no steps, and no-one re-adds to the deferred list. */
function inapplicableInInterval(scenario: Scenario): Map<KernelPropertyId, string> {
  const why = new Map<KernelPropertyId, string>();
  for (const id of KERNEL_PROPERTY_IDS) {
    const reason = otherWorldProperty(scenario, id);
    if (reason) why.set(id, reason);
  }
  why.set('release-at-most-once', 'interval subscriptions have no ->release');
  const faults = scenario.threads.some((t) => t.kind === 'mirror' && t.ops.includes('fault'));
  if (!faults) why.set('no-stale-mapping', 'no mirror maps the page (no mirror task faults)');
  return why;
}

/** Property id → why the model of `scenario` cannot violate it. */
export function inapplicableProperties(scenario: Scenario): Map<KernelPropertyId, string> {
  if (isIntervalWorld(scenario)) return inapplicableInInterval(scenario);
  const version = (fn: keyof Scenario['functions']) => scenario.functions[fn] ?? scenario.kernel;
  const moduleExit = scenario.threads.find((t) => t.kind === 'module-exit');
  const unregisters = scenario.listeners.some((l) => usesOp(l.driver, 'mmu_notifier_unregister'));
  const why = new Map<KernelPropertyId, string>();
  if (!moduleExit) why.set('no-code-after-unload', 'the module is never unloaded (no module-exit thread)');
  if (!moduleExit?.synchronize) {
    why.set(
      'barrier-waits-for-queued',
      'nothing calls srcu_barrier (module exit does not call mmu_notifier_synchronize)',
    );
  } else if (synchronizeIsGracePeriod(version('mmu_notifier_synchronize'))) {
    why.set(
      'barrier-waits-for-queued',
      'nothing calls srcu_barrier (mmu_notifier_synchronize is synchronize_srcu from v5.4)',
    );
  }
  if (!unregisters) {
    why.set('no-null-deref', 'nothing calls hlist_del_rcu (no listener calls mmu_notifier_unregister)');
    why.set(
      'release-at-most-once',
      'only __mmu_notifier_release calls ->release (no listener calls mmu_notifier_unregister)',
    );
  } else if (unregisterVariant(version('mmu_notifier_unregister')) === 'release-then-del-init-rcu') {
    why.set(
      'no-null-deref',
      'nothing calls hlist_del_rcu (mmu_notifier_unregister uses hlist_del_init_rcu from v3.10)',
    );
  }
  why.set('no-stale-mapping', otherWorldProperty(scenario, 'no-stale-mapping')!);
  const gets = scenario.threads.some((t) => t.kind === 'get' && t.count > 0);
  if (!gets) why.set('list-integrity', 'nothing adds a node to the list (listeners start registered; no get thread)');
  return why;
}
