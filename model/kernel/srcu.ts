/**
 * The mmu_notifier SRCU at the level of its contract (kernel-model.md §2): read-side nesting per
 * thread, callback queues whose entries wait for the critical sections active when they were
 * queued, and the markers that synchronize_srcu and srcu_barrier wait for.
 */
import { List } from 'immutable';
import type { KernelEnv } from './KernelEnv.js';
import type { KernelState } from './state/KernelState.js';
import { CallbackKind, makeCallback, type Callback } from './state/Callback.js';

/** Threads currently inside a read-side critical section, as a bitmask. */
export function activeReaders(g: KernelState): number {
  let mask = 0;
  g.srcuNesting.forEach((depth, tid) => {
    if (depth > 0) mask |= 1 << tid;
  });
  return mask;
}

/** `srcu_read_lock`: enter (or nest) a read-side critical section. */
export function srcuReadLock(g: KernelState, tid: number): KernelState {
  return g.set('srcuNesting', g.srcuNesting.update(tid, (d = 0) => d + 1));
}

/** `srcu_read_unlock`: leaving the outermost section ends it for every entry that waits on it. */
export function srcuReadUnlock(g: KernelState, tid: number): KernelState {
  const depth = g.srcuNesting.get(tid, 0) - 1;
  g = g.set('srcuNesting', g.srcuNesting.set(tid, depth));
  if (depth > 0) return g;
  const bit = 1 << tid;
  return g.set(
    'queues',
    g.queues.map((q) => (q.some((cb) => (cb.waitMask & bit) !== 0) ? q.map((cb) => cb.set('waitMask', cb.waitMask & ~bit)) : q)),
  );
}

/** The queue a thread's call_srcu goes to: the only one (classic) or its CPU's (tree). */
export function queueOf(env: KernelEnv, tid: number): number {
  return env.queues === 1 ? 0 : env.threadCpus[tid]!;
}

/** Appends an entry to queue `q`. */
export function enqueue(g: KernelState, q: number, cb: Callback): KernelState {
  return g.set('queues', g.queues.update(q, (queue = List()) => queue.push(cb)));
}

/** `call_srcu(cb)`: queue a driver callback that waits for the sections active now. */
export function callSrcu(env: KernelEnv, g: KernelState, tid: number, listener: number): KernelState {
  return enqueue(g, queueOf(env, tid), makeCallback({ kind: CallbackKind.Destroy, listener, waitMask: activeReaders(g) }));
}

/** Queues a marker for thread `tid` that waits for a grace period (synchronize_srcu, classic srcu_barrier). */
export function queueGracePeriodMarker(env: KernelEnv, g: KernelState, tid: number, kind: CallbackKind): KernelState {
  return enqueue(g, queueOf(env, tid), makeCallback({ kind, owner: tid, waitMask: activeReaders(g) }));
}

/**
 * Tree SRCU's `srcu_barrier`: a marker with no grace period of its own behind the last entry of
 * every non-empty queue — or, in the buggy variant, of the caller's CPU queue only.
 */
export function queueBarrierMarkers(env: KernelEnv, g: KernelState, tid: number): KernelState {
  const mine = queueOf(env, tid);
  g.queues.forEach((queue, q) => {
    if (queue.isEmpty() || (env.srcu === 'tree-one-cpu-barrier' && q !== mine)) return;
    g = enqueue(g, q, makeCallback({ kind: CallbackKind.Barrier, owner: tid }));
  });
  return g;
}

/** True while some marker of thread `tid` is still queued: the thread is waiting for it. */
export function waitsForMarker(g: KernelState, tid: number): boolean {
  return g.queues.some((q) => q.some((cb) => cb.owner === tid));
}

/** Driver callbacks still queued or running, as a bitmask of their listeners. */
export function pendingCallbacks(g: KernelState): number {
  let mask = 0;
  for (const q of g.queues) for (const cb of q) if (cb.kind === CallbackKind.Destroy) mask |= 1 << cb.listener;
  return mask;
}

/** The entry at the head of queue `q` if the worker may invoke it now: its grace period is over and it is not running. */
export function readyHead(g: KernelState, q: number): Callback | undefined {
  const head = g.queues.get(q)?.first();
  return head && !head.running && head.waitMask === 0 ? head : undefined;
}

/** Removes the head of queue `q` (a marker fired, or a callback returned). */
export function dequeue(g: KernelState, q: number): KernelState {
  return g.set('queues', g.queues.update(q, (queue = List()) => queue.shift()));
}
