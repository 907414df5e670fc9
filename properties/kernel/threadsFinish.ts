/**
 * `threads-finish` (liveness): every run reaches a state where every thread of the scenario has
 * finished (the SRCU worker, a daemon, is not waited for). A thread that can never move again is a
 * deadlock first (`no-deadlock`); this property adds threads kept from finishing while others
 * move for ever.
 */
import { eventually } from '../../model/Property.js';
import type { KernelModelState } from '../../model/kernel/kernelProgram.js';
import type { KernelProperty } from './KernelProperty.js';
import type { KernelView } from './packedKernelView.js';

const name = 'every thread eventually finishes';

export const threadsFinish: KernelProperty = {
  id: 'threads-finish',
  name,
  make: (_env, allFinished) =>
    eventually<KernelModelState>('threads-finish', name, allFinished, { response: (v: KernelView) => v.allFinished() }),
};
