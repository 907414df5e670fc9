/**
 * `no-bug-on`: no `BUG_ON` fires on a live object: `mm_count <= 0` in `mmdrop` and
 * `mmu_notifier_unregister`, `mm_users <= 0` in `mmu_notifier_get`, a non-empty list at
 * `__mmu_notifier_mm_destroy` (model/kernel/procs/common.ts, fork.ts, getPut.ts).
 */
import { raisedByFaults } from './KernelProperty.js';

export const noBugOn = raisedByFaults('no-bug-on', 'no BUG_ON fires');
