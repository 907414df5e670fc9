/** Kernel versions in order, and the variant of each versioned function that a version resolves to. */
import { KERNEL_VERSIONS, type KernelVersion } from './Scenario.js';

/** True when `version` is `since` or a later release. */
export function atLeast(version: KernelVersion, since: KernelVersion): boolean {
  return KERNEL_VERSIONS.indexOf(version) >= KERNEL_VERSIONS.indexOf(since);
}

/**
 * The statement order of `__mmu_notifier_release` (docs/kernel-model.md §3): v3.8 walks then unlinks
 * like v3.10; v3.9 unlinks each node before calling its `->release`; v3.17 (kept in v5.4) holds the
 * SRCU read lock across the unlink loop.
 */
export type ReleaseVariant = 'walk-then-unlink' | 'unlink-then-release' | 'walk-unlink-under-srcu';

/** The `__mmu_notifier_release` variant of `version`. */
export function releaseVariant(version: KernelVersion): ReleaseVariant {
  if (version === 'v3.9') return 'unlink-then-release';
  return atLeast(version, 'v3.17') ? 'walk-unlink-under-srcu' : 'walk-then-unlink';
}

/**
 * The statement order of `mmu_notifier_unregister`: v3.8 calls `->release` then unlinks with
 * `hlist_del_rcu`; v3.9 tests and unlinks under the lock before `->release`; v3.10 on (v5.4 too)
 * calls `->release` then unlinks with `hlist_del_init_rcu`.
 */
export type UnregisterVariant = 'release-then-del-rcu' | 'del-rcu-then-release' | 'release-then-del-init-rcu';

/** The `mmu_notifier_unregister` variant of `version`. */
export function unregisterVariant(version: KernelVersion): UnregisterVariant {
  if (version === 'v3.8') return 'release-then-del-rcu';
  if (version === 'v3.9') return 'del-rcu-then-release';
  return 'release-then-del-init-rcu';
}

/** True when `mmu_notifier_synchronize` is `synchronize_srcu` (v5.4 on) rather than `srcu_barrier` (the seed). */
export function synchronizeIsGracePeriod(version: KernelVersion): boolean {
  return atLeast(version, 'v5.4');
}
