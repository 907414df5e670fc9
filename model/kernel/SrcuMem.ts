/**
 * The SRCU part of the packed kernel memory: each thread's read-side nesting, then the callback
 * queues, each a size and room for as many entries as a queue can ever hold, laid out as
 * layout/callback.ts says. A queue is a FIFO whose vacated slots are cleared, so its encoding does
 * not depend on what was queued and removed before.
 */
import type { KernelShape } from './layout/KernelShape.js';
import { CALLBACK } from './layout/callback.js';
import { renumberMask, renumberThread } from '../program/ThreadRenumbering.js';

const ENTRY = CALLBACK.slots;
const { kind: C_KIND, listener: C_LISTENER, owner: C_OWNER, waitMask: C_WAIT, running: C_RUNNING } = CALLBACK.slot;

/** The SRCU fields of a kernel state in packed memory, from offset `at` of the memory on. */
export abstract class SrcuMem {
  a = new Int32Array(0);
  base = 0;
  readonly threadCount: number;
  readonly queueCount: number;
  /** Entries one queue can hold: a destroy per listener and a marker per thread. */
  readonly queueCapacity: number;
  private readonly nestingAt: number;
  private readonly queueAt: number;
  private readonly queueStride: number;
  /** Where the SRCU fields end: the width of the memory. */
  protected readonly srcuEnd: number;

  constructor(shape: KernelShape, at: number) {
    this.threadCount = shape.threads;
    this.queueCount = shape.queues;
    this.queueCapacity = shape.listeners + shape.threads;
    this.nestingAt = at;
    this.queueAt = at + shape.threads;
    this.queueStride = 1 + ENTRY * this.queueCapacity;
    this.srcuEnd = this.queueAt + this.queueStride * shape.queues;
  }

  nesting(tid: number): number {
    return this.a[this.base + this.nestingAt + tid]!;
  }
  setNesting(tid: number, v: number): void {
    this.a[this.base + this.nestingAt + tid] = v;
  }

  queueSize(q: number): number {
    return this.a[this.base + this.queueAt + this.queueStride * q]!;
  }

  private entry(q: number, i: number, field: number): number {
    return this.base + this.queueAt + this.queueStride * q + 1 + ENTRY * i + field;
  }

  /** The `CallbackKind` of entry `i` of queue `q`. */
  kind(q: number, i: number): number {
    return this.a[this.entry(q, i, C_KIND)]!;
  }
  /** The listener of a destroy entry, or -1. */
  cbListener(q: number, i: number): number {
    return this.a[this.entry(q, i, C_LISTENER)]!;
  }
  /** The thread a marker wakes, or -1. */
  owner(q: number, i: number): number {
    return this.a[this.entry(q, i, C_OWNER)]!;
  }
  waitMask(q: number, i: number): number {
    return this.a[this.entry(q, i, C_WAIT)]!;
  }
  setWaitMask(q: number, i: number, v: number): void {
    this.a[this.entry(q, i, C_WAIT)] = v;
  }
  running(q: number, i: number): boolean {
    return this.a[this.entry(q, i, C_RUNNING)] !== 0;
  }
  setRunning(q: number, i: number, v: boolean): void {
    this.a[this.entry(q, i, C_RUNNING)] = v ? 1 : 0;
  }

  /** Appends an entry to queue `q`. */
  push(q: number, kind: number, listener: number, owner: number, waitMask: number): void {
    const size = this.queueSize(q);
    if (size >= this.queueCapacity)
      throw new RangeError(`SRCU queue ${q} would hold more than ${this.queueCapacity} entries`);
    const at = this.entry(q, size, 0);
    const a = this.a;
    a[at + C_KIND] = kind;
    a[at + C_LISTENER] = listener;
    a[at + C_OWNER] = owner;
    a[at + C_WAIT] = waitMask;
    a[at + C_RUNNING] = 0;
    a[this.base + this.queueAt + this.queueStride * q] = size + 1;
  }

  /** Removes the head of queue `q`. */
  shift(q: number): void {
    const size = this.queueSize(q);
    if (size === 0) return;
    const first = this.entry(q, 0, 0);
    this.a.copyWithin(first, first + ENTRY, first + ENTRY * size);
    this.a.fill(0, first + ENTRY * (size - 1), first + ENTRY * size);
    this.a[this.base + this.queueAt + this.queueStride * q] = size - 1;
  }

  /**
   * Compares what SRCU holds about threads `t1` and `t2`: their read-side nesting, then, entry by
   * entry of each queue, whether the entry is the thread's marker and whether it waits for it.
   */
  protected compareSrcuThreads(t1: number, t2: number): number {
    const d = this.nesting(t1) - this.nesting(t2);
    if (d !== 0) return d;
    for (let q = 0; q < this.queueCount; q++) {
      for (let i = 0, n = this.queueSize(q); i < n; i++) {
        const owner = this.owner(q, i);
        if (owner === t1 || owner === t2) return owner === t1 ? 1 : -1;
        const mask = this.waitMask(q, i);
        const d = ((mask >>> t1) & 1) - ((mask >>> t2) & 1);
        if (d !== 0) return d;
      }
    }
    return 0;
  }

  /** Renumbers the threads SRCU names: each one's nesting, markers' owners and the wait sets. */
  protected renumberSrcuThreads(newIndex: Int32Array): void {
    const a = this.a;
    const at = this.base + this.nestingAt;
    const nesting = a.slice(at, at + this.threadCount);
    for (let t = 0; t < this.threadCount; t++) a[at + newIndex[t]!] = nesting[t]!;
    for (let q = 0; q < this.queueCount; q++) {
      for (let i = 0, n = this.queueSize(q); i < n; i++) {
        a[this.entry(q, i, C_OWNER)] = renumberThread(this.owner(q, i), newIndex);
        this.setWaitMask(q, i, renumberMask(this.waitMask(q, i), newIndex));
      }
    }
  }

  /** Reads the nesting and queues of an encoding from `data[at]` on into cleared memory; returns where they ended. */
  protected readSrcu(data: Int32Array, at: number): number {
    const a = this.a;
    const b = this.base;
    for (let t = 0; t < this.threadCount; t++) a[b + this.nestingAt + t] = data[at++]!;
    for (let q = 0; q < this.queueCount; q++) {
      const size = data[at++]!;
      if (size < 0 || size > this.queueCapacity)
        throw new RangeError(`SRCU queue ${q} holds ${size} entries, more than ${this.queueCapacity}`);
      const start = b + this.queueAt + this.queueStride * q;
      a[start] = size;
      for (let e = start + 1, end = start + 1 + ENTRY * size; e < end; e += ENTRY) at = CALLBACK.unpack(data, at, a, e);
    }
    return at;
  }

  /** Writes the nesting and queues of the canonical encoding to `d[n…]` (room made); returns where they ended. */
  protected writeSrcu(d: Int32Array, n: number): number {
    const a = this.a;
    const b = this.base;
    for (let t = 0; t < this.threadCount; t++) d[n++] = a[b + this.nestingAt + t]!;
    for (let q = 0; q < this.queueCount; q++) {
      const start = b + this.queueAt + this.queueStride * q;
      const size = a[start]!;
      d[n++] = size;
      for (let e = start + 1, end = start + 1 + ENTRY * size; e < end; e += ENTRY) n = CALLBACK.pack(a, e, d, n);
    }
    return n;
  }
}
