/**
 * `barrier-waits-for-queued`: when `srcu_barrier` returns, every callback queued before it was
 * called has completed. Raised when a barrier's wait returns while a callback queued before the
 * barrier is still pending (model/kernel/procs/srcuProcs.ts) — what a barrier that looks at one
 * CPU's queue only (`tree-one-cpu-barrier`) does.
 */
import { raisedByFaults } from './KernelProperty.js';

export const barrierWaitsForQueued = raisedByFaults(
  'barrier-waits-for-queued',
  'srcu_barrier returns only after every callback queued before it has completed',
);
