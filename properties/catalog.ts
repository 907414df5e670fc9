/** The properties of docs/kernel-model.md §6: stable ids, short names, and which are off by default. */

/** One entry of the property catalog. */
export interface PropertyInfo {
  /** Stable kebab-case id used by flags, scenario files and reports. */
  readonly id: string;
  /** A short sentence that says what holds. */
  readonly name: string;
  /** Off unless a scenario or `--property` asks for it. */
  readonly optional: boolean;
}

/**
 * Every kernel property, in reporting priority: when one step violates several, the first listed
 * is the primary one (invoking a method on a freed object is also a use-after-free, and is
 * reported as the former with the latter beside it).
 */
export const PROPERTY_CATALOG: readonly PropertyInfo[] = [
  {
    id: 'no-code-after-unload',
    name: 'no callback, ->release or SRCU callback runs after its module is unloaded',
    optional: false,
  },
  {
    id: 'no-callback-on-freed',
    name: 'no notifier method or SRCU callback is invoked on a freed object',
    optional: false,
  },
  { id: 'no-use-after-free', name: 'no step reads or writes a freed listener, mm or mmu_notifier_mm', optional: false },
  {
    id: 'barrier-waits-for-queued',
    name: 'srcu_barrier returns only after every callback queued before it has completed',
    optional: false,
  },
  {
    id: 'grace-period',
    name: 'no SRCU callback runs and no synchronize_srcu returns inside a grace period it must wait for',
    optional: false,
  },
  { id: 'no-bug-on', name: 'no BUG_ON fires', optional: false },
  { id: 'no-null-deref', name: 'no hlist_del_rcu on an unhashed or poisoned node', optional: false },
  { id: 'list-integrity', name: 'no node is added to the notifier list twice', optional: false },
  {
    id: 'release-before-pages-freed',
    name: 'pages are freed only after ->release ran on every registered listener and no listener maps them',
    optional: false,
  },
  {
    id: 'no-leak',
    name: 'when every thread has finished, every object is freed and no callback is left queued',
    optional: false,
  },
  { id: 'no-deadlock', name: 'some thread can always move until every thread has finished', optional: false },
  { id: 'release-at-most-once', name: '->release runs at most once per listener', optional: true },
];

/** The ids checked when a scenario names none: all but the optional ones. */
export const DEFAULT_PROPERTY_IDS: readonly string[] = PROPERTY_CATALOG.filter((p) => !p.optional).map((p) => p.id);

/** Every known id. */
export const PROPERTY_IDS: readonly string[] = PROPERTY_CATALOG.map((p) => p.id);
