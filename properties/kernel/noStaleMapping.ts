/**
 * `no-stale-mapping` (docs/interval-notifiers.md §I7.1): once an invalidation of the mirrored page
 * has returned from `invalidate_range_end`, no device mapping made from the page's contents read
 * before that invalidation's PTE change remains or is created. Tracked with a page generation
 * bumped by every PTE change; raised by the fault path's mapping step (created) and by the return
 * of `mmu_notifier_invalidate_range_end` (remains), model/kernel/interval/intervalFaults.ts.
 */
import { raisedByFaults } from './KernelProperty.js';

export const noStaleMapping = raisedByFaults(
  'no-stale-mapping',
  'no device mapping outlives an invalidation of the page it was read from',
);
