/**
 * The kernel properties' short names (docs/kernel-model.md §6), keyed by id; the ids, their
 * priority order and which are optional are the model's (model/kernel/PropertyId.ts).
 */
import { KERNEL_PROPERTY_IDS, type KernelPropertyId, OPTIONAL_PROPERTY_IDS } from '../model/kernel/PropertyId.js';

/** One entry of the property catalog. */
export interface PropertyInfo {
  /** Stable kebab-case id used by flags, scenario files and reports. */
  readonly id: KernelPropertyId;
  /** A short sentence that says what holds. */
  readonly name: string;
  /** Off unless a scenario or `--property` asks for it. */
  readonly optional: boolean;
}

/** What each property says holds: one entry per id, which the compiler checks. */
const NAMES: Readonly<Record<KernelPropertyId, string>> = {
  'no-code-after-unload': 'no callback, ->release or SRCU callback runs after its module is unloaded',
  'no-callback-on-freed': 'no notifier method or SRCU callback is invoked on a freed object',
  'no-use-after-free': 'no step reads or writes a freed listener, mm or mmu_notifier_mm',
  'barrier-waits-for-queued': 'srcu_barrier returns only after every callback queued before it has completed',
  'grace-period': 'no SRCU callback runs and no synchronize_srcu returns inside a grace period it must wait for',
  'no-bug-on': 'no BUG_ON fires',
  'no-null-deref': 'no hlist_del_rcu on an unhashed or poisoned node',
  'list-integrity': 'no node is added to the notifier list twice',
  'release-before-pages-freed':
    'pages are freed only after ->release ran on every registered listener and no listener maps them',
  'no-leak': 'when every thread has finished, every object is freed and no callback is left queued',
  'no-deadlock': 'some thread can always move until every thread has finished',
  'release-at-most-once': '->release runs at most once per listener',
};

/** Every kernel property, in reporting priority (see KERNEL_PROPERTY_IDS). */
export const PROPERTY_CATALOG: readonly PropertyInfo[] = KERNEL_PROPERTY_IDS.map((id) => ({
  id,
  name: NAMES[id],
  optional: OPTIONAL_PROPERTY_IDS.has(id),
}));

export { DEFAULT_PROPERTY_IDS, KERNEL_PROPERTY_IDS as PROPERTY_IDS } from '../model/kernel/PropertyId.js';
