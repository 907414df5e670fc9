/**
 * Every kernel step's statement is a statement of its function's source, in the kernel version the
 * step runs in: its whitespace-normalised fragments are a run of the fragments of that function
 * (test/fixtures/kernel-source, test/helpers/kernelSource.ts). Steps of driver code — the listener
 * behaviours' own functions — are not kernel source and are declared below as such.
 */
import { BUILTIN_MIRROR_DRIVERS } from '../../../model/kernel/drivers/builtinMirrorDrivers.js';
import { describe, expect, it } from 'vitest';
import fingerprints from '../../fixtures/kernel-source/fingerprints.json' with { type: 'json' };
import { kernelAt } from '../../helpers/kernelFixture.js';
import { balanced, fragmentsOf, hashRun, MAX_RUN } from '../../helpers/kernelSource.js';
import { kernelProcedures } from '../../../model/kernel/kernelProgram.js';
import type { KernelEnv } from '../../../model/kernel/KernelEnv.js';
import { isIntervalEra } from '../../../model/kernel/era.js';
import {
  BEHAVIOURS,
  KERNEL_VERSIONS,
  MIRROR_DRIVERS,
  SRCU_IMPLEMENTATIONS,
  type KernelVersion,
  type SrcuImpl,
} from '../../../model/kernel/Scenario.js';
import type { StepDef } from '../../../model/program/Step.js';
import type { KernelMem } from '../../../model/kernel/KernelMem.js';

/** Functions of the listener behaviours (drivers, not kernel core): their statements are the model's own. */
const DRIVER_FUNCTIONS = new Set([
  'kfd_process_notifier_release', // amdkfd, no-mm-pin: ->release
  'kfd_process_destroy_delayed', // amdkfd, no-mm-pin: SRCU callback
  'lazy_release',
  'lazy_destroy',
  'eager_release',
  'sync_release',
  'unlink_then_free_teardown',
  'kvm_destroy_vm', // classic (KVM-style) teardown
  'deferred_teardown',
  'deferred_destroy',
  'get_put_teardown',
  'get_put_free_notifier', // get-put: ops->free_notifier
  'put_release_free_notifier', // put-in-release: ops->free_notifier
  // The HMM mirror of lib/test_hmm.c (interval era): a driver, not kernel core.
  'dmirror_range_fault',
  'dmirror_interval_invalidate',
  'dmirror_fops_release',
]);

/** A kernel file of one tag. */
interface Source {
  readonly tag: string;
  readonly path: string;
}

const MMU_NOTIFIER = 'mm/mmu_notifier.c';

/**
 * The source a kernel function's statements are checked against when the model runs version `v`
 * with SRCU `srcu`. The seed's functions (mmu_notifier_unregister_no_release) and v5.4's get/put
 * functions are available in every version "as if backported" (README, Kernel versions and
 * history): they are checked against the release that has them.
 */
function sourceOf(fn: string, v: KernelVersion, srcu: SrcuImpl): Source | undefined {
  if (isIntervalEra(v)) return intervalSourceOf(fn, v, srcu);
  switch (fn) {
    case '__mmu_notifier_release':
    case 'mmu_notifier_unregister':
    case '__mmu_notifier_mm_destroy':
    case '__mmu_notifier_invalidate_range_start':
    case '__mmu_notifier_invalidate_page':
    case '__mmu_notifier_invalidate_range':
      return { tag: v, path: MMU_NOTIFIER };
    case 'mmu_notifier_unregister_no_release':
      // New in v3.17, removed in v5.4.
      return { tag: 'v3.17', path: MMU_NOTIFIER };
    case 'mmu_notifier_put':
    case 'mmu_notifier_free_rcu':
    case 'find_get_mmu_notifier':
    case 'mmu_notifier_get_locked':
    case '__mmu_notifier_register':
      return { tag: 'v5.4', path: MMU_NOTIFIER };
    case 'mmput':
    case '__mmput':
    case '__mmdrop':
      return { tag: v, path: 'kernel/fork.c' };
    case 'exit_mmap':
      return { tag: v, path: 'mm/mmap.c' };
    case 'try_to_unmap_one':
      return { tag: v, path: 'mm/rmap.c' };
    case 'shrink_page_list':
      return { tag: v, path: 'mm/vmscan.c' };
    case 'delete_module':
    case 'free_module':
      return { tag: v, path: 'kernel/module.c' };
    case 'mmdrop':
      return { tag: v, path: v === 'v5.4' ? 'include/linux/sched/mm.h' : 'include/linux/sched.h' };
    case '__synchronize_srcu':
    case 'synchronize_srcu':
    case 'srcu_barrier':
    case 'srcu_invoke_callbacks':
      // Classic SRCU is checked against the one classic kernel/srcu.c read (v3.10); Tree SRCU
      // (either barrier) against v5.4's srcutree.c.
      return srcu === 'classic'
        ? { tag: 'v3.10', path: 'kernel/srcu.c' }
        : { tag: 'v5.4', path: 'kernel/rcu/srcutree.c' };
    default:
      return undefined;
  }
}

/** The source of a kernel function of the interval era (docs/interval-notifiers.md), at the version's own tag. */
function intervalSourceOf(fn: string, v: KernelVersion, srcu: SrcuImpl): Source | undefined {
  switch (fn) {
    case 'mmu_notifier_invalidate_range_start':
    case 'mmu_notifier_invalidate_range_end':
    case 'mmu_notifier_release':
    case 'mmu_interval_set_seq':
      return { tag: v, path: 'include/linux/mmu_notifier.h' };
    case '__mmu_notifier_invalidate_range_start':
    case '__mmu_notifier_invalidate_range_end':
    case '__mmu_notifier_release':
    case '__mmu_notifier_register':
    case 'mn_itree_inv_start_range':
    case 'mn_itree_invalidate':
    case 'mn_itree_inv_next':
    case 'mn_itree_inv_end':
    case 'mn_itree_release':
    case 'mmu_interval_notifier_insert':
    case '__mmu_interval_notifier_insert':
    case 'mmu_interval_notifier_remove':
    case 'mmu_interval_seq_released':
    case 'mmu_interval_read_begin':
    case '__mmu_notifier_mm_destroy':
    case '__mmu_notifier_subscriptions_destroy':
      return { tag: v, path: MMU_NOTIFIER };
    case 'hmm_range_fault':
      return { tag: v, path: 'mm/hmm.c' };
    case 'zap_page_range_single':
    case 'unmap_vmas':
      return { tag: v, path: 'mm/memory.c' };
    case 'mmput':
    case '__mmput':
    case '__mmdrop':
      return { tag: v, path: 'kernel/fork.c' };
    case '__fput':
      return { tag: v, path: 'fs/file_table.c' };
    // The classic listener path in today's kernels.
    case 'mn_hlist_release':
    case 'mn_hlist_invalidate_range_start':
    case '__mmu_notifier_invalidate_range':
    case '__mmu_notifier_arch_invalidate_secondary_tlbs':
    case 'mmu_notifier_unregister':
    case 'mmu_notifier_put':
    case 'mmu_notifier_free_rcu':
    case 'find_get_mmu_notifier':
    case 'mmu_notifier_get_locked':
      return { tag: v, path: MMU_NOTIFIER };
    case 'exit_mmap':
      return { tag: v, path: 'mm/mmap.c' };
    case 'try_to_unmap_one':
      return { tag: v, path: 'mm/rmap.c' };
    case 'shrink_page_list':
    case 'shrink_folio_list':
      return { tag: v, path: 'mm/vmscan.c' };
    case 'mmdrop':
      return { tag: v, path: 'include/linux/sched/mm.h' };
    case 'delete_module':
    case 'free_module':
      return { tag: v, path: 'kernel/module.c' };
    // The seed's functions, as if backported, and SRCU: as in every version.
    case 'mmu_notifier_unregister_no_release':
    case '__synchronize_srcu':
    case 'synchronize_srcu':
    case 'srcu_barrier':
    case 'srcu_invoke_callbacks':
      return sourceOf(fn, 'v5.4', srcu);
    default:
      return undefined;
  }
}

/**
 * Kernel files of a tag for which no file matching the tag was found in the search tool's index
 * (see test/fixtures/kernel-source/sources.json for those that were): the statements of their
 * functions at that tag are not checked. The list must stay exact — a fixture added for one of
 * them fails the test until the entry is removed here.
 */
/** mm/memory.c (zap_page_range_single, unmap_vmas) of v5.5: no v5.5 or v5.6 tree holding it was found. */
const NOT_FOUND_MEMORY: readonly { readonly tag: KernelVersion; readonly path: string; readonly why: string }[] = [
  { tag: 'v5.5', path: 'mm/memory.c', why: 'no v5.5 or v5.6 tree with this file found' },
];

const NOT_FOUND: readonly { readonly tag: KernelVersion; readonly path: string; readonly why: string }[] = [
  {
    tag: 'v3.9',
    path: MMU_NOTIFIER,
    why: "the index holds no mm/mmu_notifier.c with v3.9's unlink-first __mmu_notifier_release and the 3-argument hlist_for_each_entry_rcu, only 3.x stable backports (4 arguments) and patches",
  },
  ...(['v3.8', 'v3.9'] as const).flatMap((tag) =>
    ['kernel/fork.c', 'mm/mmap.c', 'mm/rmap.c', 'include/linux/sched.h'].map((path) => ({
      tag,
      path,
      why: 'no tree of the tag found for this file',
    })),
  ),
  {
    tag: 'v3.17',
    path: 'kernel/fork.c',
    why: "the 3.18 tree read for v3.17 has a backport of v4.7's __mmput in mmput, and no other tree of the tag was found",
  },
  ...(['v3.8', 'v3.9'] as const).map((tag) => ({
    tag,
    path: 'mm/vmscan.c',
    why: "no tree of the tag found for this file (RyanMallon/linux-ep93xx's is older)",
  })),
  ...(['v3.8', 'v3.9', 'v3.17', 'v5.4'] as const).map((tag) => ({
    tag,
    path: 'kernel/module.c',
    why: 'no tree of the tag found for this file',
  })),
  ...(['v5.5', 'v5.10', 'v5.18', 'v6.6'] as const).map((tag) => ({
    tag,
    path: 'mm/hmm.c',
    why: 'not read: hmm_range_fault is cited for its first statement (mmu_interval_check_retry) and its walk_page_range call only',
  })),
  ...(['include/linux/mmu_notifier.h', 'kernel/fork.c'] as const).map((path) => ({
    tag: 'v5.5' as const,
    path,
    why: 'no tree of the tag found for this file (the v5.5 mm/mmu_notifier.c is an unattributed copy identified by content)',
  })),
  ...NOT_FOUND_MEMORY,
  ...(['v5.5', 'v6.6'] as const).map((tag) => ({
    tag,
    path: 'fs/file_table.c',
    why: 'no tree of the tag with this file found',
  })),
  ...(['v5.5', 'v5.10', 'v5.18', 'v6.6'] as const).map((tag) => ({
    tag,
    path: 'kernel/module.c',
    why: 'not read for the interval-era tags',
  })),
  ...(['mm/mmap.c', 'mm/rmap.c', 'mm/vmscan.c', 'include/linux/sched/mm.h'] as const).map((path) => ({
    tag: 'v5.5' as const,
    path,
    why: 'no v5.5 or v5.6 tree with this file found',
  })),
  ...(['mm/mmap.c', 'include/linux/sched/mm.h'] as const).map((path) => ({
    tag: 'v5.18' as const,
    path,
    why: 'the 5.15 trees standing in for v5.18 do not store this file',
  })),
];

/** free_module: the one 3.10 tree found has a backport of v3.19's module_memfree in it, so no tag's free_module was fingerprinted. */
const NOT_FOUND_FUNCTIONS: ReadonlySet<string> = new Set(['free_module']);

interface Fingerprint {
  readonly tag: string;
  readonly path: string;
  readonly function: string;
  readonly hashes: readonly string[];
}
const byKey = new Map<string, Set<string>>(
  (fingerprints.functions as Fingerprint[]).map((f) => [`${f.tag} ${f.path} ${f.function}`, new Set(f.hashes)]),
);

/** Every step of the model at version `v` with SRCU `srcu`, with every behaviour and thread kind present. */
function stepsAt(v: KernelVersion, srcu: SrcuImpl): StepDef<KernelMem>[] {
  if (isIntervalEra(v)) {
    const { env } = kernelAt({
      kernel: v,
      listeners: undefined,
      mirrors: [{ driver: 'correct' }],
      threads: [
        { kind: 'exit', cpu: 0 },
        { kind: 'invalidator', cpu: 1 },
        { kind: 'mirror', mirror: 0, ops: ['insert', 'fault', 'teardown'], cpu: 1 },
      ],
    });
    // v6.6 refuses a listener with both ->invalidate_range_start and ->arch_invalidate_secondary_tlbs: readers and reclaimers apart.
    const classic = (threads: unknown[]) =>
      stepsOf(kernelAt({ kernel: v, srcu, listeners: BEHAVIOURS.map((behaviour) => ({ behaviour })), threads }).env);
    const common = [
      { kind: 'exit', cpu: 0 },
      { kind: 'module-exit', cpu: 0, synchronize: true },
      { kind: 'get', count: 1, cpu: 1, listener: BEHAVIOURS.indexOf('get-put') },
    ];
    return [
      ...stepsOf({
        ...env,
        mirrors: MIRROR_DRIVERS,
        mirrorScripts: MIRROR_DRIVERS.map((d) => BUILTIN_MIRROR_DRIVERS[d]),
      }),
      ...classic([...common, { kind: 'reader', count: 1, cpu: 1 }]),
      ...classic([...common, { kind: 'reclaimer', count: 1, cpu: 1 }]),
    ];
  }
  const { env } = kernelAt({
    kernel: v,
    srcu,
    listeners: BEHAVIOURS.map((behaviour) => ({ behaviour })),
    threads: [
      { kind: 'exit', cpu: 0 },
      { kind: 'reader', count: 1, cpu: 1 },
      { kind: 'reclaimer', count: 1, cpu: 1 },
      { kind: 'module-exit', cpu: 0, synchronize: true },
      { kind: 'get', count: 1, cpu: 1, listener: BEHAVIOURS.indexOf('get-put') },
    ],
  });
  return stepsOf(env);
}

/** Every step of every procedure of `env`'s model. */
function stepsOf(env: KernelEnv): StepDef<KernelMem>[] {
  return kernelProcedures(env).flatMap((p) =>
    p.body.flatMap((item) => (item.type === 'step' ? [item] : item.type === 'choice' ? [...item.alternatives] : [])),
  );
}

/** True when the source of `fn` at `source` is declared not found (NOT_FOUND, NOT_FOUND_FUNCTIONS). */
function notFound(source: Source, fn: string): boolean {
  return NOT_FOUND_FUNCTIONS.has(fn) || NOT_FOUND.some((n) => n.tag === source.tag && n.path === source.path);
}

/** Why a step's statement is not in its function's source, or undefined when it is (or its source is declared not found). */
function mismatch(step: StepDef<KernelMem>, v: KernelVersion, srcu: SrcuImpl): string | undefined {
  const source = sourceOf(step.fn, v, srcu);
  if (source === undefined) return `${step.fn} is neither a kernel function with a source nor declared driver code`;
  // Balance is checked for every kernel step, with or without a source.
  if (!balanced(step.code)) return `unbalanced braces or parentheses`;
  const hashes = byKey.get(`${source.tag} ${source.path} ${step.fn}`);
  if (hashes === undefined) {
    if (notFound(source, step.fn)) return undefined;
    return `no fingerprint of ${step.fn} in ${source.tag} ${source.path}`;
  }
  const f = fragmentsOf(step.code);
  if (f.length === 0 || f.length > MAX_RUN) return `${f.length} fragments (1 to ${MAX_RUN} are checked)`;
  return hashes.has(hashRun(f)) ? undefined : `not in ${step.fn} of ${source.tag} ${source.path}`;
}

describe('kernel statements', () => {
  const configs = KERNEL_VERSIONS.flatMap((v) => SRCU_IMPLEMENTATIONS.map((srcu) => [v, srcu] as const));

  it.each(configs)('every kernel step at %s with %s SRCU is a statement of its function there', (v, srcu) => {
    const wrong = new Set<string>();
    for (const step of stepsAt(v, srcu)) {
      if (DRIVER_FUNCTIONS.has(step.fn)) continue;
      const why = mismatch(step, v, srcu);
      if (why !== undefined) wrong.add(`${step.fn}: ${step.code} — ${why}`);
    }
    expect([...wrong], [...wrong].join('\n')).toEqual([]);
  });

  it('the sources declared not found are exactly the kernel files the steps cite that have no fingerprint', () => {
    const cited = new Set<string>();
    const fingerprinted = new Set((fingerprints.functions as Fingerprint[]).map((f) => `${f.tag} ${f.path}`));
    for (const [v, srcu] of configs) {
      for (const step of stepsAt(v, srcu)) {
        const source = sourceOf(step.fn, v, srcu);
        if (source && !NOT_FOUND_FUNCTIONS.has(step.fn)) cited.add(`${source.tag} ${source.path}`);
      }
    }
    const missing = [...cited].filter((k) => !fingerprinted.has(k)).sort();
    expect(missing).toEqual(NOT_FOUND.map((n) => `${n.tag} ${n.path}`).sort());
  });

  it('declared driver functions are all still used', () => {
    const used = new Set(configs.flatMap(([v, srcu]) => stepsAt(v, srcu).map((s) => s.fn)));
    expect([...DRIVER_FUNCTIONS].filter((fn) => !used.has(fn))).toEqual([]);
  });
});
