/** A scenario of the kernel model: versions, SRCU implementation, listeners, threads and properties (docs/kernel-model.md §7). */
import type { KernelPropertyId } from './PropertyId.js';
import type { DriverScript } from './drivers/DriverScript.js';

/**
 * The kernel versions the model knows, oldest first, by the release that shipped each function's
 * variant (docs/kernel-model.md §3, §5). A version names the variant of the versioned functions only;
 * the rest of the API (the seed's functions, get/put) is available in every version.
 */
export const KERNEL_VERSIONS = ['v3.8', 'v3.9', 'v3.10', 'v3.17', 'v5.4', 'v5.5', 'v5.10', 'v5.18', 'v6.6'] as const;
export type KernelVersion = (typeof KERNEL_VERSIONS)[number];

/**
 * The first version of the interval-notifier era (docs/interval-notifiers.md §I1): from v5.5 a
 * scenario's secondary MMUs are interval subscriptions (`mirrors`); the classic listeners of the
 * seed's world are modelled up to v5.4 only.
 */
export const INTERVAL_ERA: KernelVersion = 'v5.5';

/** Functions of the classic listeners whose variant a scenario may pick apart from its kernel version (up to v5.4). */
export const VERSIONED_FUNCTIONS = [
  '__mmu_notifier_release',
  'mmu_notifier_unregister',
  'mmu_notifier_synchronize',
] as const;

/**
 * Functions of the interval world whose variant a scenario with mirrors may pick (v5.5 on): remove
 * before (v5.5, v5.10) or after (v5.18, v6.6) the fix 319561669a59 — "this kernel without the fix".
 */
export const INTERVAL_VERSIONED_FUNCTIONS = ['mmu_interval_notifier_remove'] as const;

export type VersionedFunction = (typeof VERSIONED_FUNCTIONS)[number] | (typeof INTERVAL_VERSIONED_FUNCTIONS)[number];

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

/**
 * Drivers of an interval subscription (docs/interval-notifiers.md §I6): the HMM mirror pattern of
 * lib/test_hmm.c, and broken variants of it, each one line of the pattern changed.
 */
export const MIRROR_DRIVERS = [
  'correct',
  'no-read-retry',
  'invalidate-unlocked',
  'set-seq-after-unlock',
  'set-seq-before-lock',
  'free-without-remove',
  'remove-under-driver-lock',
  'read-begin-under-lock',
  'remove-from-invalidate',
  'skip-invalidate-on-exit',
  'doc-no-mmput',
] as const;
export type MirrorDriver = (typeof MIRROR_DRIVERS)[number];

/** One interval subscriber: its driver, and whether it is inserted before the threads start. */
export interface MirrorConfig {
  /** The driver's name: a built-in mirror driver, or a scripted driver's `name`. */
  readonly driver: string;
  /** The driver as data (model/kernel/drivers/): the built-in's script, or the file's own. */
  readonly script: DriverScript;
  /** Inserted while idle before the scenario starts (its thread then does not insert). */
  readonly inserted: boolean;
}

/**
 * What a mirror's driver task does, in order: insert the subscription, fault the page, and release
 * the driver's file — `teardown` closes it while the process lives (the release runs at once, while
 * other tasks may be invalidating), `teardown-at-exit` leaves it to the process's exit (the release
 * runs once the last task has exited and exit_mmap is done). At most one of the two.
 */
export const MIRROR_OPS = ['insert', 'fault', 'teardown', 'teardown-at-exit'] as const;
export type MirrorOp = (typeof MIRROR_OPS)[number];

/**
 * One listener: its driver — a built-in behaviour or a script of the scenario's own (its `name`
 * then stands where the behaviour would) — whether its secondary MMU maps the page, and its
 * teardown CPU.
 */
export interface ListenerConfig {
  /** The driver's name: a built-in behaviour, or a scripted driver's `name`. */
  readonly behaviour: string;
  /** The driver as data (model/kernel/drivers/): the built-in's script, or the file's `driver`. */
  readonly driver: DriverScript;
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
  | { readonly kind: 'get'; readonly cpu: number; readonly count: number; readonly listener: number }
  /** `count` tasks of the process, each changing the mirrored page once (zap_page_range_single), then exiting. */
  | { readonly kind: 'invalidator'; readonly cpu: number; readonly count: number }
  /** A task of the process that runs mirror `mirror`'s driver: `ops` in order, exiting (mmput) before a teardown. */
  | { readonly kind: 'mirror'; readonly cpu: number; readonly mirror: number; readonly ops: readonly MirrorOp[] };

export type ThreadKind = ThreadConfig['kind'];
export const THREAD_KINDS: readonly ThreadKind[] = [
  'exit',
  'reader',
  'reclaimer',
  'module-exit',
  'get',
  'invalidator',
  'mirror',
];

/** Thread kinds of the classic (v3.8–v5.4) world and of the interval (v5.5+) world. */
export const CLASSIC_THREAD_KINDS: ReadonlySet<ThreadKind> = new Set(['reader', 'reclaimer', 'module-exit', 'get']);
export const INTERVAL_THREAD_KINDS: ReadonlySet<ThreadKind> = new Set(['invalidator', 'mirror']);

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
  /** Interval subscribers (v5.5 on); empty in the classic world. */
  readonly mirrors: readonly MirrorConfig[];
  readonly threads: readonly ThreadConfig[];
  /** The property ids to check. */
  readonly properties: readonly KernelPropertyId[];
  /** The verdict the scenario's author expects, when stated (bundled scenarios always state it). */
  readonly expect?: Expectation;
  /** One statement of the model deleted or moved (model/kernel/mutation/): an id as `necessity` prints it. */
  readonly mutant?: string;
}
