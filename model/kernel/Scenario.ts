/** A scenario of the kernel model: versions, SRCU implementation, listeners, threads and properties (docs/kernel-model.md §7). */
import type { KernelPropertyId } from './PropertyId.js';

/**
 * The kernel versions the model knows, oldest first, by the release that shipped each function's
 * variant (docs/kernel-model.md §3, §5). A version names the variant of the versioned functions only;
 * the rest of the API (the seed's functions, get/put) is available in every version.
 */
export const KERNEL_VERSIONS = ['v3.8', 'v3.9', 'v3.10', 'v3.17', 'v5.4'] as const;
export type KernelVersion = (typeof KERNEL_VERSIONS)[number];

/** Functions whose variant a scenario may pick apart from its kernel version. */
export const VERSIONED_FUNCTIONS = [
  '__mmu_notifier_release',
  'mmu_notifier_unregister',
  'mmu_notifier_synchronize',
] as const;
export type VersionedFunction = (typeof VERSIONED_FUNCTIONS)[number];

/** SRCU implementations: classic (one FIFO queue), tree (a queue per CPU), and the tree barrier bug. */
export const SRCU_IMPLEMENTATIONS = ['classic', 'tree', 'tree-one-cpu-barrier'] as const;
export type SrcuImpl = (typeof SRCU_IMPLEMENTATIONS)[number];

/** Driver behaviours of docs/kernel-model.md §4. */
export const BEHAVIOURS = [
  'amdkfd',
  'lazy',
  'eager-free',
  'no-mm-pin',
  'sync-in-release',
  'unlink-then-free',
  'classic',
  'deferred',
  'get-put',
  'put-in-release',
] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

/** Behaviours torn down by a teardown thread of their driver rather than from `->release`. */
export const TEARDOWN_BEHAVIOURS: ReadonlySet<Behaviour> = new Set([
  'unlink-then-free',
  'classic',
  'deferred',
  'get-put',
]);

/** Behaviours of the v5.4 get/put API (§5): a user count, and a core SRCU callback that calls `free_notifier`. */
export const GET_PUT_BEHAVIOURS: ReadonlySet<Behaviour> = new Set(['get-put', 'put-in-release']);

/** One listener: its driver behaviour, whether its secondary MMU maps the page, and its teardown CPU. */
export interface ListenerConfig {
  readonly behaviour: Behaviour;
  readonly maps: boolean;
  /** The CPU of its teardown thread (behaviours torn down by a thread only). */
  readonly cpu: number;
}

/** Thread groups a scenario can ask for. */
export type ThreadConfig =
  | { readonly kind: 'exit'; readonly cpu: number }
  | { readonly kind: 'reader'; readonly cpu: number; readonly count: number }
  | { readonly kind: 'reclaimer'; readonly cpu: number; readonly count: number }
  | { readonly kind: 'module-exit'; readonly cpu: number; readonly synchronize: boolean }
  /** `count` driver threads, each holding an mm_users reference: mmu_notifier_get on listener `listener`'s ops, put, mmput. */
  | { readonly kind: 'get'; readonly cpu: number; readonly count: number; readonly listener: number };

export type ThreadKind = ThreadConfig['kind'];
export const THREAD_KINDS: readonly ThreadKind[] = ['exit', 'reader', 'reclaimer', 'module-exit', 'get'];

/** The verdict a scenario file expects. */
export type Expectation = { readonly verdict: 'ok' } | { readonly verdict: 'violation'; readonly property: string };

/** A complete, validated scenario. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly kernel: KernelVersion;
  /** Per-function variants that differ from `kernel`. */
  readonly functions: Readonly<Partial<Record<VersionedFunction, KernelVersion>>>;
  readonly srcu: SrcuImpl;
  readonly cpus: number;
  readonly listeners: readonly ListenerConfig[];
  readonly threads: readonly ThreadConfig[];
  /** The property ids to check. */
  readonly properties: readonly KernelPropertyId[];
  /** The verdict the scenario's author expects, when stated (bundled scenarios always state it). */
  readonly expect?: Expectation;
}
