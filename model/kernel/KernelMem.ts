/**
 * The kernel's shared state in packed form: every field of docs/kernel-model.md §1 at a fixed offset of
 * an Int32Array, read and written in place by the steps while a successor is built. Its canonical
 * encoding is exactly `encodeKernel`'s, so packed and Immutable states have the same fingerprints.
 */
import type { IntSink } from '../IntSink.js';
import { IntReader } from '../IntBuffer.js';
import type { PackedShared } from '../program/PackedShared.js';
import type { FaultProps } from './state/Fault.js';

// Scalars: mm_struct, mmu_notifier_mm, module.
const MM_USERS = 0;
const MM_COUNT = 1;
const MM_FREED = 2;
const PAGE = 3;
const NMM_FIRST = 4;
const NMM_LOCK = 5;
const NMM_FREED = 6;
const MODULE_LOADED = 7;
const SCALARS = 8;

// A listener object.
const L_FREED = 0;
const L_LINK = 1;
const L_NEXT = 2;
const L_MAPS = 3;
const L_RELEASES = 4;
const L_REGISTERED = 5;
const L_HOLDS_MODULE = 6;
const L_USERS = 7;
const LISTENER = 8;

// An SRCU queue entry.
const C_KIND = 0;
const C_LISTENER = 1;
const C_OWNER = 2;
const C_WAIT = 3;
const C_RUNNING = 4;
const CALLBACK = 5;

/** The faults of a state that has none (never written: `begin` switches to a list of the state being built). */
const NO_FAULTS: FaultProps[] = Object.freeze([]) as unknown as FaultProps[];

/** How many listeners, threads and queues a kernel state has, and how long a queue may grow. */
export interface KernelMemShape {
  readonly listeners: number;
  readonly threads: number;
  readonly queues: number;
}

/** A kernel state under construction; one per runner, re-pointed at each state it reads or builds. */
export class KernelMem implements PackedShared {
  a = new Int32Array(0);
  base = 0;
  readonly width: number;
  readonly listenerCount: number;
  readonly threadCount: number;
  readonly queueCount: number;
  /** Entries one queue can hold: a destroy per listener and a marker per thread. */
  readonly queueCapacity: number;
  /** Faults recorded by the step being taken (and any the loaded state already carried). */
  faults: FaultProps[] = NO_FAULTS;
  private loadedFaults: FaultProps[] = NO_FAULTS;
  private readonly built: FaultProps[] = []; // the faults of the successor being built, reused
  private readonly listenerAt: number;
  private readonly nestingAt: number;
  private readonly queueAt: number;
  private readonly queueStride: number;

  constructor(shape: KernelMemShape) {
    this.listenerCount = shape.listeners;
    this.threadCount = shape.threads;
    this.queueCount = shape.queues;
    this.queueCapacity = shape.listeners + shape.threads;
    this.listenerAt = SCALARS;
    this.nestingAt = SCALARS + LISTENER * shape.listeners;
    this.queueAt = this.nestingAt + shape.threads;
    this.queueStride = 1 + CALLBACK * this.queueCapacity;
    this.width = this.queueAt + this.queueStride * shape.queues;
  }

  // --- mm_struct, mmu_notifier_mm, module -------------------------------------------------

  get mmUsers(): number {
    return this.a[this.base + MM_USERS]!;
  }
  set mmUsers(v: number) {
    this.a[this.base + MM_USERS] = v;
  }
  get mmCount(): number {
    return this.a[this.base + MM_COUNT]!;
  }
  set mmCount(v: number) {
    this.a[this.base + MM_COUNT] = v;
  }
  get mmFreed(): boolean {
    return this.a[this.base + MM_FREED] !== 0;
  }
  set mmFreed(v: boolean) {
    this.a[this.base + MM_FREED] = v ? 1 : 0;
  }
  /** The page the model follows (a `Page`). */
  get page(): number {
    return this.a[this.base + PAGE]!;
  }
  set page(v: number) {
    this.a[this.base + PAGE] = v;
  }
  /** The first listener on the notifier list, or -1. */
  get first(): number {
    return this.a[this.base + NMM_FIRST]!;
  }
  set first(v: number) {
    this.a[this.base + NMM_FIRST] = v;
  }
  /** The thread holding the notifier spinlock, or -1. */
  get lock(): number {
    return this.a[this.base + NMM_LOCK]!;
  }
  set lock(v: number) {
    this.a[this.base + NMM_LOCK] = v;
  }
  get nmmFreed(): boolean {
    return this.a[this.base + NMM_FREED] !== 0;
  }
  set nmmFreed(v: boolean) {
    this.a[this.base + NMM_FREED] = v ? 1 : 0;
  }
  get moduleLoaded(): boolean {
    return this.a[this.base + MODULE_LOADED] !== 0;
  }
  set moduleLoaded(v: boolean) {
    this.a[this.base + MODULE_LOADED] = v ? 1 : 0;
  }

  // --- listener objects -------------------------------------------------------------------

  private at(l: number, field: number): number {
    if (l < 0 || l >= this.listenerCount) throw new RangeError(`no listener ${l}`);
    return this.base + this.listenerAt + LISTENER * l + field;
  }

  freed(l: number): boolean {
    return this.a[this.at(l, L_FREED)] !== 0;
  }
  setFreed(l: number, v: boolean): void {
    this.a[this.at(l, L_FREED)] = v ? 1 : 0;
  }
  /** The node's `Link` (what pprev says). */
  link(l: number): number {
    return this.a[this.at(l, L_LINK)]!;
  }
  setLink(l: number, v: number): void {
    this.a[this.at(l, L_LINK)] = v;
  }
  next(l: number): number {
    return this.a[this.at(l, L_NEXT)]!;
  }
  setNext(l: number, v: number): void {
    this.a[this.at(l, L_NEXT)] = v;
  }
  maps(l: number): boolean {
    return this.a[this.at(l, L_MAPS)] !== 0;
  }
  setMaps(l: number, v: boolean): void {
    this.a[this.at(l, L_MAPS)] = v ? 1 : 0;
  }
  releases(l: number): number {
    return this.a[this.at(l, L_RELEASES)]!;
  }
  setReleases(l: number, v: number): void {
    this.a[this.at(l, L_RELEASES)] = v;
  }
  registered(l: number): boolean {
    return this.a[this.at(l, L_REGISTERED)] !== 0;
  }
  setRegistered(l: number, v: boolean): void {
    this.a[this.at(l, L_REGISTERED)] = v ? 1 : 0;
  }
  holdsModule(l: number): boolean {
    return this.a[this.at(l, L_HOLDS_MODULE)] !== 0;
  }
  setHoldsModule(l: number, v: boolean): void {
    this.a[this.at(l, L_HOLDS_MODULE)] = v ? 1 : 0;
  }
  users(l: number): number {
    return this.a[this.at(l, L_USERS)]!;
  }
  setUsers(l: number, v: number): void {
    this.a[this.at(l, L_USERS)] = v;
  }

  // --- SRCU read-side nesting and callback queues ----------------------------------------

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
    return this.base + this.queueAt + this.queueStride * q + 1 + CALLBACK * i + field;
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
    this.a.copyWithin(first, first + CALLBACK, first + CALLBACK * size);
    this.a.fill(0, first + CALLBACK * (size - 1), first + CALLBACK * size);
    this.a[this.base + this.queueAt + this.queueStride * q] = size - 1;
  }

  // --- faults -----------------------------------------------------------------------------

  /** Records a fault of the state being built. */
  addFault(f: FaultProps): void {
    this.faults.push(f);
  }

  /** True when the state read or built carries a fault. */
  get hasFaults(): boolean {
    return this.faults.length > 0;
  }

  // --- canonical encoding (encodeKernel's) -------------------------------------------------

  begin(): void {
    const built = this.built;
    if (built.length !== 0) built.length = 0;
    const loaded = this.loadedFaults;
    for (let i = 0; i < loaded.length; i++) built.push(loaded[i]!);
    this.faults = built;
  }

  readFrom(data: Int32Array, at: number): number {
    const a = this.a;
    const b = this.base;
    a.fill(0, b, b + this.width);
    a[b + MM_USERS] = data[at++]!;
    a[b + MM_COUNT] = data[at++]!;
    const flags = data[at++]!;
    a[b + MM_FREED] = flags & 1;
    a[b + PAGE] = (flags >>> 1) & 3;
    a[b + MODULE_LOADED] = (flags >>> 3) & 1;
    a[b + NMM_FIRST] = data[at++]!;
    a[b + NMM_LOCK] = data[at++]!;
    a[b + NMM_FREED] = data[at++]!;
    for (let l = 0; l < this.listenerCount; l++) readListener(a, b + this.listenerAt + LISTENER * l, data[at++]!);
    for (let t = 0; t < this.threadCount; t++) a[b + this.nestingAt + t] = data[at++]!;
    for (let q = 0; q < this.queueCount; q++) at = this.readQueue(q, data, at);
    const count = data[at++]!;
    this.loadedFaults = NO_FAULTS;
    if (count > 0) {
      const source = new IntReader(data, at);
      this.loadedFaults = Array.from({ length: count }, () => ({
        property: source.string(),
        message: source.string(),
        object: source.string(),
      }));
      at = source.position;
    }
    this.faults = this.loadedFaults;
    return at;
  }

  private readQueue(q: number, data: Int32Array, at: number): number {
    const size = data[at++]!;
    if (size < 0 || size > this.queueCapacity)
      throw new RangeError(`SRCU queue ${q} holds ${size} entries, more than ${this.queueCapacity}`);
    const a = this.a;
    a[this.base + this.queueAt + this.queueStride * q] = size;
    for (let i = 0; i < size; i++) {
      const code = data[at++]!;
      const e = this.entry(q, i, 0);
      a[e + C_KIND] = code & 3;
      a[e + C_RUNNING] = (code >>> 2) & 1;
      a[e + C_LISTENER] = ((code >>> 3) & 0x1fff) - 1;
      a[e + C_OWNER] = (code >>> 16) - 1;
      a[e + C_WAIT] = data[at++]!;
    }
    return at;
  }

  writeTo(out: IntSink): void {
    out.grow(out.length + this.width + 1);
    const d = out.data;
    let n = out.length;
    const a = this.a;
    const b = this.base;
    d[n++] = a[b + MM_USERS]!;
    d[n++] = a[b + MM_COUNT]!;
    d[n++] = a[b + MM_FREED]! | (a[b + PAGE]! << 1) | (a[b + MODULE_LOADED]! << 3);
    d[n++] = a[b + NMM_FIRST]!;
    d[n++] = a[b + NMM_LOCK]!;
    d[n++] = a[b + NMM_FREED]!;
    for (let l = 0; l < this.listenerCount; l++) d[n++] = listenerCode(a, b + this.listenerAt + LISTENER * l);
    for (let t = 0; t < this.threadCount; t++) d[n++] = a[b + this.nestingAt + t]!;
    for (let q = 0; q < this.queueCount; q++) {
      const start = b + this.queueAt + this.queueStride * q;
      const size = a[start]!;
      d[n++] = size;
      for (let e = start + 1, end = start + 1 + CALLBACK * size; e < end; e += CALLBACK) {
        d[n++] =
          a[e + C_KIND]! | (a[e + C_RUNNING]! << 2) | ((a[e + C_LISTENER]! + 1) << 3) | ((a[e + C_OWNER]! + 1) << 16);
        d[n++] = a[e + C_WAIT]!;
      }
    }
    const faults = this.faults;
    d[n++] = faults.length;
    out.length = n;
    for (const f of faults) {
      out.string(f.property);
      out.string(f.message);
      out.string(f.object);
    }
  }
}

/** The packing of a listener in the canonical encoding (see encode.ts). */
function listenerCode(a: Int32Array, at: number): number {
  return (
    a[at + L_FREED]! |
    (a[at + L_LINK]! << 1) |
    (a[at + L_MAPS]! << 3) |
    (a[at + L_REGISTERED]! << 4) |
    (a[at + L_HOLDS_MODULE]! << 5) |
    (a[at + L_RELEASES]! << 6) |
    ((a[at + L_NEXT]! + 1) << 12) |
    (a[at + L_USERS]! << 20)
  );
}

function readListener(a: Int32Array, at: number, code: number): void {
  a[at + L_FREED] = code & 1;
  a[at + L_LINK] = (code >>> 1) & 3;
  a[at + L_MAPS] = (code >>> 3) & 1;
  a[at + L_REGISTERED] = (code >>> 4) & 1;
  a[at + L_HOLDS_MODULE] = (code >>> 5) & 1;
  a[at + L_RELEASES] = (code >>> 6) & 63;
  a[at + L_NEXT] = ((code >>> 12) & 255) - 1;
  a[at + L_USERS] = code >>> 20;
}
