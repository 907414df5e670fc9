/**
 * `mm-freed` (liveness): every run reaches a state where the `mm_struct` has been freed — the
 * last `mmdrop` after the last `mmput`. `no-leak` says what is left over when the run ends; this
 * property also judges runs that never end, such as a driver whose callbacks keep the mm pinned
 * while the SRCU worker runs them for ever.
 */
import { eventually } from '../../model/Property.js';
import type { KernelModelState } from '../../model/kernel/kernelProgram.js';
import type { KernelProperty } from './KernelProperty.js';
import type { KernelView } from './packedKernelView.js';

const name = 'the mm_struct is eventually freed';

export const mmFreed: KernelProperty = {
  id: 'mm-freed',
  name,
  make: () =>
    eventually<KernelModelState>('mm-freed', name, (s) => s.shared.mm.freed, {
      response: (v: KernelView) => v.mem.mmFreed,
    }),
};
