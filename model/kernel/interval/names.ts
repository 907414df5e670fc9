/**
 * The identifiers of the interval-era sources, which changed once: v5.5 has `struct mmu_notifier_mm`
 * (`mm->mmu_notifier_mm`, local `mmn_mm`, subscription `mni`); the rename that followed it (shipped
 * by v5.10, docs/interval-notifiers.md §I1) made them `struct mmu_notifier_subscriptions`
 * (`mm->notifier_subscriptions`, `subscriptions`, `interval_sub`). Statements are written with the
 * later names and turned into v5.5's here, so every trace quotes its own version's text.
 */
import type { KernelVersion } from '../Scenario.js';

/** Statement text of `version`: `code` is written with the v5.10 names. */
export function inVersion(version: KernelVersion, code: string): string {
  if (version !== 'v5.5') return code;
  return code
    .replace(/struct mmu_notifier_subscriptions/g, 'struct mmu_notifier_mm')
    .replace(/notifier_subscriptions/g, 'mmu_notifier_mm')
    .replace(/subscriptions/g, 'mmn_mm')
    .replace(/interval_sub/g, 'mni');
}
