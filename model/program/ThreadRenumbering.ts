/**
 * What shared memory must offer for a program's threads to be interchangeable: every place in it
 * that names a thread (a lock's holder, a bit of a set of threads, a slot kept per thread), read to
 * tell two threads apart and rewritten when threads are renumbered. Frames must hold no thread
 * index (their arguments and locals are not renumbered).
 */
import type { PackedShared } from './PackedShared.js';

/** Shared memory whose references to threads can be compared and renumbered. */
export interface ThreadRenumbering extends PackedShared {
  /**
   * Compares what the memory in `a` holds about thread `t1` with what it holds about `t2`, place by
   * place in a fixed order that does not depend on thread numbers: negative, zero or positive.
   * Zero must mean that exchanging the two threads leaves the memory as it is.
   */
  compareThreads(t1: number, t2: number): number;
  /** Rewrites every reference to a thread `t` in `a` as one to `newIndex[t]` (a permutation). */
  renumberThreads(newIndex: Int32Array): void;
}

/** `mask`, a set of threads as bits, with thread `t`'s bit moved to `newIndex[t]`. */
export function renumberMask(mask: number, newIndex: Int32Array): number {
  let out = 0;
  for (let t = 0; mask !== 0; t++, mask >>>= 1) if (mask & 1) out |= 1 << newIndex[t]!;
  return out;
}

/** `tid`, a thread or -1 (none), renumbered. */
export function renumberThread(tid: number, newIndex: Int32Array): number {
  return tid < 0 ? tid : newIndex[tid]!;
}
