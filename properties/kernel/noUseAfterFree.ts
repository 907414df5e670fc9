/**
 * `no-use-after-free`: no step reads or writes a freed listener, `mm_struct` or
 * `mmu_notifier_mm`. Raised by the access checks of model/kernel/faults.ts (`touchListener`,
 * `touchMm`, `touchNotifierMm`), which every step that dereferences one of them calls first.
 */
import { raisedByFaults } from './KernelProperty.js';

export const noUseAfterFree = raisedByFaults(
  'no-use-after-free',
  'no step reads or writes a freed object: a listener or mirror, the mm or its notifier struct',
);
