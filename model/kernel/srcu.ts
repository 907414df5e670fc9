/**
 * The mmu_notifier SRCU at the level of its contract (docs/kernel-model.md §2): read-side nesting per
 * thread, callback queues whose entries wait for the critical sections active when they were
 * queued, and the markers that synchronize_srcu and srcu_barrier wait for.
 */
import type { KernelEnv } from './KernelEnv.js';
import type { KernelMem } from './KernelMem.js';
import { CallbackKind } from './state/Callback.js';

/** Threads currently inside a read-side critical section, as a bitmask. */
export function activeReaders(m: KernelMem): number {
  let mask = 0;
  for (let tid = 0; tid < m.threadCount; tid++) if (m.nesting(tid) > 0) mask |= 1 << tid;
  return mask;
}

/** `srcu_read_lock`: enter (or nest) a read-side critical section. */
export function srcuReadLock(m: KernelMem, tid: number): void {
  m.setNesting(tid, m.nesting(tid) + 1);
}

/** `srcu_read_unlock`: leaving the outermost section ends it for every entry that waits on it. */
export function srcuReadUnlock(m: KernelMem, tid: number): void {
  const depth = m.nesting(tid) - 1;
  m.setNesting(tid, depth);
  if (depth > 0) return;
  const bit = 1 << tid;
  for (let q = 0; q < m.queueCount; q++) {
    for (let i = 0, n = m.queueSize(q); i < n; i++) m.setWaitMask(q, i, m.waitMask(q, i) & ~bit);
  }
}

/** The queue a thread's call_srcu goes to: the only one (classic) or its CPU's (tree). */
export function queueOf(env: KernelEnv, tid: number): number {
  return env.queues === 1 ? 0 : env.threadCpus[tid]!;
}

/** `call_srcu(cb)`: queue a driver callback that waits for the sections active now. */
export function callSrcu(env: KernelEnv, m: KernelMem, tid: number, listener: number): void {
  m.push(queueOf(env, tid), CallbackKind.Destroy, listener, -1, activeReaders(m));
}

/** Queues a marker for thread `tid` that waits for a grace period (synchronize_srcu, classic srcu_barrier). */
export function queueGracePeriodMarker(env: KernelEnv, m: KernelMem, tid: number, kind: CallbackKind): void {
  m.push(queueOf(env, tid), kind, -1, tid, activeReaders(m));
}

/**
 * Tree SRCU's `srcu_barrier`: a marker with no grace period of its own behind the last entry of
 * every non-empty queue — or, in the buggy variant, of the caller's CPU queue only.
 */
export function queueBarrierMarkers(env: KernelEnv, m: KernelMem, tid: number): void {
  const mine = queueOf(env, tid);
  for (let q = 0; q < m.queueCount; q++) {
    if (m.queueSize(q) === 0 || (env.srcu === 'tree-one-cpu-barrier' && q !== mine)) continue;
    m.push(q, CallbackKind.Barrier, -1, tid, 0);
  }
}

/** True while some marker of thread `tid` is still queued: the thread is waiting for it. */
export function waitsForMarker(m: KernelMem, tid: number): boolean {
  for (let q = 0; q < m.queueCount; q++) {
    for (let i = 0, n = m.queueSize(q); i < n; i++) if (m.owner(q, i) === tid) return true;
  }
  return false;
}

/** Driver callbacks still queued or running, as a bitmask of their listeners. */
export function pendingCallbacks(m: KernelMem): number {
  let mask = 0;
  for (let q = 0; q < m.queueCount; q++) {
    for (let i = 0, n = m.queueSize(q); i < n; i++)
      if (m.kind(q, i) === CallbackKind.Destroy) mask |= 1 << m.cbListener(q, i);
  }
  return mask;
}

/** The kind of the head of queue `q` if the worker may invoke it now (its grace period is over, it is not running), else -1. */
export function readyHeadKind(m: KernelMem, q: number): number {
  if (m.queueSize(q) === 0 || m.running(q, 0) || m.waitMask(q, 0) !== 0) return -1;
  return m.kind(q, 0);
}

/** True when every callback queue is empty. */
export function queuesEmpty(m: KernelMem): boolean {
  for (let q = 0; q < m.queueCount; q++) if (m.queueSize(q) > 0) return false;
  return true;
}
