/**
 * `wait_event(subscriptions->wq, cond)` and `wake_up_all(&subscriptions->wq)` (§I3.3). A waiting
 * thread sets its task state ("armed") when it starts evaluating the condition; `wake_up_all`
 * disarms every waiter. A thread whose condition was false sleeps only while still armed, so a
 * wake-up between the evaluation and the sleep is never lost — the kernel's prepare_to_wait_event
 * order. A sleeping thread is simply not enabled; if nothing can wake it, `no-deadlock` reports it.
 */
import { IVF, type KernelMem } from '../KernelMem.js';

/** The thread may (re)evaluate its condition: it has not armed itself, or it was woken since. */
export function awake(m: KernelMem, tid: number): boolean {
  return ((m.iv(IVF.armed) >>> tid) & 1) === 0;
}

/** The thread sets its task state before evaluating the condition. */
export function arm(m: KernelMem, tid: number): void {
  m.setIv(IVF.armed, m.iv(IVF.armed) | (1 << tid));
}

/** The condition held: the thread leaves the wait queue (finish_wait). */
export function disarm(m: KernelMem, tid: number): void {
  m.setIv(IVF.armed, m.iv(IVF.armed) & ~(1 << tid));
}

/** `wake_up_all`: every waiter becomes runnable. */
export function wakeAll(m: KernelMem): void {
  m.setIv(IVF.armed, 0);
}
