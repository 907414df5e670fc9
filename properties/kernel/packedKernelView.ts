/**
 * The kernel liveness properties' tests over the packed form's loaded state (a runner of the
 * scenario's procedures), so that the search labels its states without decoding them. Each reads
 * exactly what its Immutable twin reads; test/properties/kernelLivenessPacked.test.ts compares the
 * two on every state of the bundled scenarios.
 */
import { IVF, type KernelMem } from '../../model/kernel/KernelMem.js';
import { CallbackKind } from '../../model/kernel/state/Callback.js';
import type { PackedProgram } from '../../model/program/PackedProgram.js';

/** What the packed tests are given: the runner with the loaded state. */
export type KernelView = PackedProgram<KernelMem>;

/** True when an entry of kind `wanted` (or, with `not`, of any other kind) is queued. */
function queued(m: KernelMem, wanted: CallbackKind, not: boolean): boolean {
  for (let q = 0; q < m.queueCount; q++) {
    const size = m.queueSize(q);
    for (let i = 0; i < size; i++) if ((m.kind(q, i) === wanted) !== not) return true;
  }
  return false;
}

/** A driver callback is queued (packed twin of `callbackQueued`). */
export function packedCallbackQueued(view: KernelView): boolean {
  return queued(view.mem, CallbackKind.Destroy, false);
}

/** Some thread waits (packed twin of `someoneWaits`). */
export function packedSomeoneWaits(view: KernelView): boolean {
  const m = view.mem;
  return (m.mirrorCount > 0 && m.iv(IVF.armed) !== 0) || queued(m, CallbackKind.Destroy, true);
}
