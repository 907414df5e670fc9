/**
 * The classic listener path in the interval era (v5.5 on): the same steps as v5.4 — the hlist, SRCU
 * and `->release` protocol did not change — quoted as each version's source has them. v5.5 renamed
 * the hlist half of the functions (`__mmu_notifier_release`'s body became `mn_hlist_release`,
 * `__mmu_notifier_invalidate_range_start`'s `mn_hlist_invalidate_range_start`); the rename that
 * followed (by v5.10) made `mn`/`mm->mmu_notifier_mm`/`mmn_mm` into
 * `subscription`/`mm->notifier_subscriptions`/`subscriptions` and gave `hlist_for_each_entry_rcu` its
 * lockdep argument; v6.6 turned `->invalidate_range` into `->arch_invalidate_secondary_tlbs` and
 * `shrink_page_list` into `shrink_folio_list`. The rewrite is applied to the step texts of the
 * classic procedures once, when the model is built; the seed's backported functions
 * (`mmu_notifier_unregister_no_release`, `mmu_notifier_call_srcu`) keep their v3.17 text.
 */
import type { ProcDef } from '../../program/Proc.js';
import type { BodyItem, StepDef } from '../../program/Step.js';
import type { KernelMem } from '../KernelMem.js';
import type { KernelVersion } from '../Scenario.js';
import { atLeast } from '../versions.js';
import { kstep } from './common.js';

/** The functions whose hlist walk uses the local `subscriptions` (v5.5: `mmn_mm`) rather than `mm->…`. */
const LOCAL_LIST: ReadonlySet<string> = new Set(['mn_hlist_release', 'mn_hlist_invalidate_range_start']);

/** Functions of the backported seed API: their v3.17 text stays. */
const BACKPORTED: ReadonlySet<string> = new Set([
  'mmu_notifier_unregister_no_release',
  'mmu_notifier_call_srcu',
  '__mmu_notifier_call_srcu',
]);

/** The name `fn` has in `version`. */
function renamed(version: KernelVersion, fn: string): string {
  switch (fn) {
    case '__mmu_notifier_release':
      return 'mn_hlist_release';
    case '__mmu_notifier_invalidate_range_start':
      return 'mn_hlist_invalidate_range_start';
    case '__mmu_notifier_invalidate_range':
      return atLeast(version, 'v6.6') ? '__mmu_notifier_arch_invalidate_secondary_tlbs' : fn;
    case '__mmu_notifier_mm_destroy':
      return version === 'v5.5' ? fn : '__mmu_notifier_subscriptions_destroy';
    case 'shrink_page_list':
      return atLeast(version, 'v6.6') ? 'shrink_folio_list' : fn;
    default:
      return fn;
  }
}

/** The statement `code` of function `fn` (already renamed) as `version` has it. */
export function todaysStatement(version: KernelVersion, fn: string, code: string): string {
  if (BACKPORTED.has(fn)) return code;
  const renamedNames = version !== 'v5.5';
  const local = renamedNames ? 'subscriptions' : 'mmn_mm';
  const field = renamedNames ? 'mm->notifier_subscriptions' : 'mm->mmu_notifier_mm';
  let s = code;
  if (LOCAL_LIST.has(fn))
    s = s.replace(/&(?:range->)?mm->mmu_notifier_mm->/g, `&${local}->`).replace(/mm->mmu_notifier_mm->/g, `${local}->`);
  s = s.replace(/mm->mmu_notifier_mm/g, field);
  if (renamedNames) {
    s = s.replace(/\bmn\b/g, 'subscription');
    s = s.replace(/(hlist_for_each_entry_rcu\([^)]*?, hlist)\)/, '$1, srcu_read_lock_held(&srcu))');
    s = s.replace('_ret = subscription->ops->invalidate_range_start(', '_ret = ops->invalidate_range_start(');
  }
  if (atLeast(version, 'v6.6')) {
    s = s.replace('->ops->invalidate_range(', '->ops->arch_invalidate_secondary_tlbs(');
    s = s.replace('unmap_vmas(&tlb, vma, 0, -1)', 'unmap_vmas(&tlb, &mas, vma, 0, ULONG_MAX, ULONG_MAX, false)');
    s = s.replace('free_unref_page_list(&free_pages)', 'free_unref_page_list(&free_folios)');
  }
  return s;
}

function rewriteStep(version: KernelVersion, step: StepDef<KernelMem>): StepDef<KernelMem> {
  const fn = renamed(version, step.fn);
  const code = todaysStatement(version, fn, step.code);
  return fn === step.fn && code === step.code ? step : { ...step, fn, code };
}

function rewriteItem(version: KernelVersion, item: BodyItem<KernelMem>): BodyItem<KernelMem> {
  if (item.type === 'step') return rewriteStep(version, item);
  if (item.type === 'choice') return { ...item, alternatives: item.alternatives.map((s) => rewriteStep(version, s)) };
  return item;
}

/**
 * From v5.5 `__mmu_notifier_release` and `__mmu_notifier_invalidate_range_start` call their hlist
 * half only when the list is not empty: with no listener left, no SRCU read-side section is entered
 * and (for release) no `synchronize_srcu` runs. The `has_itree` test before it is not a step: without
 * mirrors the mm never has an interval tree.
 */
function hlistEmptyTest(version: KernelVersion, proc: ProcDef<KernelMem>): BodyItem<KernelMem>[] {
  const local = version === 'v5.5' ? 'mmn_mm' : 'subscriptions';
  if (proc.name === '__mmu_notifier_release')
    return [
      kstep('__mmu_notifier_release', `if (!hlist_empty(&${local}->list)) mn_hlist_release(${local}, mm);`, {
        run: (x) => {
          if (x.shared.first < 0) x.ret();
        },
      }),
    ];
  if (proc.name === 'invalidate_reader')
    return [
      kstep(
        '__mmu_notifier_invalidate_range_start',
        `if (!hlist_empty(&${local}->list)) return mn_hlist_invalidate_range_start(${local}, range);`,
        {
          run: (x) => {
            if (x.shared.first < 0) x.goto('drop');
          },
        },
      ),
    ];
  return [];
}

/** The classic procedures with their statements quoted from `version` (v5.5 or later). */
export function classicProcsIn(version: KernelVersion, procs: readonly ProcDef<KernelMem>[]): ProcDef<KernelMem>[] {
  return procs.map((p) => ({
    ...p,
    body: [...hlistEmptyTest(version, p), ...p.body.map((item) => rewriteItem(version, item))],
  }));
}
