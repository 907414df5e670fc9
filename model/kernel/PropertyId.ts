/**
 * The ids of the kernel properties: the vocabulary in which the model's steps record faults and
 * scenarios name what to check. An id is a type, so a misspelt one in a `fault(…)` call or a
 * catalog entry is a compile error, not a check that silently never fires.
 */

/**
 * Every kernel property id, in reporting priority: when one step violates several, the first
 * listed is the primary one (invoking a method on a freed object is also a use-after-free, and is
 * reported as the former with the latter beside it).
 */
export const KERNEL_PROPERTY_IDS = [
  'no-code-after-unload',
  'no-callback-on-freed',
  'no-use-after-free',
  'barrier-waits-for-queued',
  'grace-period',
  'no-bug-on',
  'no-null-deref',
  'list-integrity',
  'no-stale-mapping',
  'release-before-pages-freed',
  'no-leak',
  'no-deadlock',
  'release-at-most-once',
  'callbacks-run',
  'waits-return',
  'threads-finish',
  'mm-freed',
] as const;

/** A kernel property id. */
export type KernelPropertyId = (typeof KERNEL_PROPERTY_IDS)[number];

/** The liveness properties: judged over whole runs under fairness (see checker/liveness/). */
export const LIVENESS_PROPERTY_IDS: ReadonlySet<KernelPropertyId> = new Set<KernelPropertyId>([
  'callbacks-run',
  'waits-return',
  'threads-finish',
  'mm-freed',
]);

/** The ids checked only when a scenario or `--property` asks for them. */
export const OPTIONAL_PROPERTY_IDS: ReadonlySet<KernelPropertyId> = new Set<KernelPropertyId>(['release-at-most-once']);

/** The ids checked when a scenario names none: all but the optional ones. */
export const DEFAULT_PROPERTY_IDS: readonly KernelPropertyId[] = KERNEL_PROPERTY_IDS.filter(
  (id) => !OPTIONAL_PROPERTY_IDS.has(id),
);

/** Whether `id` is a kernel property id. */
export function isKernelPropertyId(id: string): id is KernelPropertyId {
  return (KERNEL_PROPERTY_IDS as readonly string[]).includes(id);
}
