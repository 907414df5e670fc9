/**
 * The SRCU contract helpers (docs/kernel-model.md §2): nesting read-side sections, callbacks that wait for
 * the sections active when they were queued, FIFO queues, and where synchronize_srcu and srcu_barrier
 * put their markers for classic SRCU, tree SRCU and the one-CPU barrier variant.
 */
import { describe, expect, it } from 'vitest';
import * as srcu from '../../../model/kernel/srcu.js';
import { queueOf } from '../../../model/kernel/srcu.js';
import { CallbackKind, type Callback } from '../../../model/kernel/state/Callback.js';
import type { KernelState } from '../../../model/kernel/state/KernelState.js';
import { kernelAt, onState, readMem, withMem, type ScenarioJson } from '../../helpers/kernelFixture.js';

// Threads in layout order: exit (cpu0) = 0, reader0 and reader1 (cpu1) = 1 and 2, module-exit (cpu0) = 3, then the workers.
const EXIT = 0;
const R0 = 1;
const R1 = 2;
const MODULE_EXIT = 3;
const threads: ScenarioJson = {
  listeners: [{ behaviour: 'amdkfd' }, { behaviour: 'deferred', cpu: 1 }],
  threads: [
    { kind: 'exit', cpu: 0 },
    { kind: 'reader', count: 2, cpu: 1 },
    { kind: 'module-exit', cpu: 0, synchronize: true },
  ],
};
const classic = kernelAt({ ...threads, srcu: 'classic' });
const tree = kernelAt({ ...threads, srcu: 'tree' });
const oneCpu = kernelAt({ ...threads, srcu: 'tree-one-cpu-barrier' });

// The SRCU operations as functions from a state to the state after them, and the queries on a state.
const srcuReadLock = (g: KernelState, tid: number) => withMem(g, (m) => srcu.srcuReadLock(m, tid));
const srcuReadUnlock = (g: KernelState, tid: number) => withMem(g, (m) => srcu.srcuReadUnlock(m, tid));
const callSrcu = onState(srcu.callSrcu);
const queueGracePeriodMarker = onState(srcu.queueGracePeriodMarker);
const queueBarrierMarkers = onState(srcu.queueBarrierMarkers);
const activeReaders = (g: KernelState) => readMem(g, srcu.activeReaders);
const pendingCallbacks = (g: KernelState) => readMem(g, srcu.pendingCallbacks);
const waitsForMarker = (g: KernelState, tid: number) => readMem(g, (m) => srcu.waitsForMarker(m, tid));

/** The state with the head of queue `q` removed (a marker fired, or a callback returned). */
function dequeue(g: KernelState, q: number): KernelState {
  return withMem(g, (m) => m.shift(q));
}

/** The head of queue `q` if the worker may invoke it now (its grace period is over, it is not running), else undefined. */
function readyHead(g: KernelState, q: number): Callback | undefined {
  return readMem(g, (m) => srcu.readyHeadKind(m, q)) < 0 ? undefined : g.queues.get(q)!.first();
}

/** Each queue as `kind:listener/owner waitMask` entries. */
function queues(g: KernelState): string[][] {
  const kinds = ['destroy', 'sync', 'barrier'];
  return g.queues
    .map((q) =>
      q
        .map(
          (cb) =>
            `${kinds[cb.kind]}:${cb.kind === CallbackKind.Destroy ? `L${cb.listener}` : `T${cb.owner}`}/${cb.waitMask}`,
        )
        .toArray(),
    )
    .toArray();
}

describe('read-side critical sections', () => {
  it('nest: a thread stays a reader until its outermost section ends', () => {
    let g = srcuReadLock(srcuReadLock(classic.g, R0), R0);
    expect(activeReaders(g)).toBe(1 << R0);
    g = srcuReadUnlock(g, R0);
    expect(activeReaders(g)).toBe(1 << R0);
    g = srcuReadUnlock(g, R0);
    expect(activeReaders(g)).toBe(0);
  });

  it('clear a callback’s wait mask only when the outermost section ends', () => {
    let g = srcuReadLock(srcuReadLock(classic.g, R0), R0);
    g = srcuReadLock(g, R1);
    g = callSrcu(classic.env, g, EXIT, 0);
    expect(queues(g)).toEqual([[`destroy:L0/${(1 << R0) | (1 << R1)}`]]);
    g = srcuReadUnlock(g, R0);
    expect(queues(g)).toEqual([[`destroy:L0/${(1 << R0) | (1 << R1)}`]]);
    g = srcuReadUnlock(g, R0);
    expect(queues(g)).toEqual([[`destroy:L0/${1 << R1}`]]);
    expect(readyHead(g, 0)).toBeUndefined();
    g = srcuReadUnlock(g, R1);
    expect(readyHead(g, 0)?.listener).toBe(0);
  });

  it('a callback does not wait for a section that starts after it was queued', () => {
    const g = srcuReadLock(callSrcu(classic.env, classic.g, EXIT, 0), R0);
    expect(queues(g)).toEqual([['destroy:L0/0']]);
    expect(readyHead(g, 0)?.listener).toBe(0);
  });
});

describe('callback queues', () => {
  it('are FIFO: the head is invoked first, the next one after it is dequeued', () => {
    let g = callSrcu(classic.env, callSrcu(classic.env, classic.g, EXIT, 0), MODULE_EXIT, 1);
    expect(readyHead(g, 0)?.listener).toBe(0);
    g = dequeue(g, 0);
    expect(readyHead(g, 0)?.listener).toBe(1);
    expect(queues(dequeue(g, 0))).toEqual([[]]);
  });

  it('keep a running callback at the head, and nothing behind it is ready', () => {
    let g = callSrcu(classic.env, callSrcu(classic.env, classic.g, EXIT, 0), EXIT, 1);
    g = g.setIn(['queues', 0, 0, 'running'], true);
    expect(readyHead(g, 0)).toBeUndefined();
    expect(pendingCallbacks(g)).toBe(0b11);
  });

  it('classic SRCU has one queue for every CPU; tree SRCU queues on the caller’s CPU', () => {
    expect([queueOf(classic.env, EXIT), queueOf(classic.env, R0)]).toEqual([0, 0]);
    expect([queueOf(tree.env, EXIT), queueOf(tree.env, R0)]).toEqual([0, 1]);
    expect(queues(callSrcu(tree.env, tree.g, R0, 1))).toEqual([[], ['destroy:L1/0']]);
  });

  it('pendingCallbacks names the listeners of driver callbacks only, not markers', () => {
    let g = queueGracePeriodMarker(tree.env, tree.g, MODULE_EXIT, CallbackKind.Sync);
    g = callSrcu(tree.env, g, R1, 1);
    expect(pendingCallbacks(g)).toBe(0b10);
  });
});

describe('synchronize_srcu markers', () => {
  it('wait for the sections active at the call, on the caller’s queue, and wake their owner when gone', () => {
    let g = srcuReadLock(tree.g, R0);
    g = queueGracePeriodMarker(tree.env, g, MODULE_EXIT, CallbackKind.Sync);
    expect(queues(g)).toEqual([[`sync:T${MODULE_EXIT}/${1 << R0}`], []]);
    expect(waitsForMarker(g, MODULE_EXIT)).toBe(true);
    expect(waitsForMarker(dequeue(g, 0), MODULE_EXIT)).toBe(false);
  });
});

describe('tree srcu_barrier markers', () => {
  it('go behind the last entry of every non-empty queue, with no grace period of their own', () => {
    let g = srcuReadLock(tree.g, R1);
    g = callSrcu(tree.env, callSrcu(tree.env, g, EXIT, 0), R0, 1);
    g = queueBarrierMarkers(tree.env, g, MODULE_EXIT);
    expect(queues(g)).toEqual([
      [`destroy:L0/${1 << R1}`, `barrier:T${MODULE_EXIT}/0`],
      [`destroy:L1/${1 << R1}`, `barrier:T${MODULE_EXIT}/0`],
    ]);
  });

  it('are queued only behind non-empty queues: with every queue empty the barrier returns at once', () => {
    const empty = queueBarrierMarkers(tree.env, tree.g, MODULE_EXIT);
    expect(queues(empty)).toEqual([[], []]);
    expect(waitsForMarker(empty, MODULE_EXIT)).toBe(false);
    const onlyCpu1 = queueBarrierMarkers(tree.env, callSrcu(tree.env, tree.g, R0, 1), MODULE_EXIT);
    expect(queues(onlyCpu1)).toEqual([[], ['destroy:L1/0', `barrier:T${MODULE_EXIT}/0`]]);
  });

  it('in the one-CPU variant look only at the caller’s CPU queue, missing a callback on another CPU', () => {
    const g = callSrcu(oneCpu.env, oneCpu.g, R0, 1);
    const fromCpu0 = queueBarrierMarkers(oneCpu.env, g, MODULE_EXIT);
    expect(queues(fromCpu0)).toEqual([[], ['destroy:L1/0']]);
    expect(waitsForMarker(fromCpu0, MODULE_EXIT)).toBe(false);
    const fromCpu1 = queueBarrierMarkers(oneCpu.env, g, R1);
    expect(queues(fromCpu1)).toEqual([[], ['destroy:L1/0', `barrier:T${R1}/0`]]);
  });
});
