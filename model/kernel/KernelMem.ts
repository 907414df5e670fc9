/**
 * The kernel's shared state in packed form: every field of docs/kernel-model.md §1 at a fixed offset of
 * an Int32Array, read and written in place by the steps while a successor is built. The memory holds
 * the single objects, then the listeners (as layout/ lays them out), then the SRCU fields (SrcuMem.ts).
 * Its canonical encoding is exactly `encodeKernel`'s, so packed and Immutable states have the same
 * fingerprints.
 */
import type { IntSink } from '../IntSink.js';
import { IntReader } from '../IntBuffer.js';
import { renumberMask, renumberThread, type ThreadRenumbering } from '../program/ThreadRenumbering.js';
import type { FaultProps } from './state/Fault.js';
import type { KernelShape } from './layout/KernelShape.js';
import { SCALARS } from './layout/scalars.js';
import { LISTENER } from './layout/listener.js';
import { SrcuMem } from './SrcuMem.js';
import { INTERVAL, MIRROR } from './layout/interval.js';

// Slots taken from the layouts once, at load: module constants, read by the accessors below as literals were.
const {
  mmUsers: MM_USERS,
  mmCount: MM_COUNT,
  mmFreed: MM_FREED,
  page: PAGE,
  first: NMM_FIRST,
  lock: NMM_LOCK,
  nmmFreed: NMM_FREED,
  moduleLoaded: MODULE_LOADED,
} = SCALARS.slot;
const {
  freed: L_FREED,
  link: L_LINK,
  next: L_NEXT,
  maps: L_MAPS,
  releases: L_RELEASES,
  registered: L_REGISTERED,
  holdsModule: L_HOLDS_MODULE,
  users: L_USERS,
  lock: L_LOCK,
} = LISTENER.slot;
const LISTENERS_AT = SCALARS.slots;
const LISTENER_SLOTS = LISTENER.slots;
const IV = INTERVAL.slot;
const MIRROR_SLOTS = MIRROR.slots;

/** Slots of a mirror's fields, for `mirror` and `setMirror`. */
export const MF = MIRROR.slot;
/** Slots of the interval scalars, for `iv` and `setIv`. */
export const IVF = IV;

/** The faults of a state that has none (never written: `begin` switches to a list of the state being built). */
const NO_FAULTS: FaultProps[] = Object.freeze([]) as unknown as FaultProps[];

/** A kernel state under construction; one per runner, re-pointed at each state it reads or builds. */
export class KernelMem extends SrcuMem implements ThreadRenumbering {
  readonly width: number;
  readonly listenerCount: number;
  readonly mirrorCount: number;
  private readonly intervalAt: number;
  private readonly mirrorsAt: number;
  /** Faults recorded by the step being taken (and any the loaded state already carried). */
  faults: FaultProps[] = NO_FAULTS;
  private loadedFaults: FaultProps[] = NO_FAULTS;
  private readonly built: FaultProps[] = []; // the faults of the successor being built, reused

  constructor(shape: KernelShape) {
    const intervalAt = LISTENERS_AT + LISTENER_SLOTS * shape.listeners;
    const mirrorsAt = shape.mirrors > 0 ? intervalAt + INTERVAL.slots : intervalAt;
    super(shape, mirrorsAt + MIRROR_SLOTS * shape.mirrors);
    this.listenerCount = shape.listeners;
    this.mirrorCount = shape.mirrors;
    this.intervalAt = intervalAt;
    this.mirrorsAt = mirrorsAt;
    this.width = this.srcuEnd;
  }

  // --- interval state and mirrors (interval-era scenarios only) -------------------------------

  /** An interval scalar (a slot of `IVF`). */
  iv(field: number): number {
    return this.a[this.base + this.intervalAt + field]!;
  }
  setIv(field: number, v: number): void {
    if (this.mirrorCount === 0) throw new RangeError('no interval state in a scenario without mirrors');
    this.a[this.base + this.intervalAt + field] = v;
  }

  private mirrorAt(i: number, field: number): number {
    if (i < 0 || i >= this.mirrorCount) throw new RangeError(`no mirror ${i}`);
    return this.base + this.mirrorsAt + MIRROR_SLOTS * i + field;
  }
  /** A field of mirror `i` (a slot of `MF`); booleans read as 0 or 1. */
  mirror(i: number, field: number): number {
    return this.a[this.mirrorAt(i, field)]!;
  }
  setMirror(i: number, field: number, v: number): void {
    this.a[this.mirrorAt(i, field)] = v;
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
    return this.base + LISTENERS_AT + LISTENER_SLOTS * l + field;
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
  /** The thread holding listener `l`'s driver lock, or -1. */
  driverLock(l: number): number {
    return this.a[this.at(l, L_LOCK)]!;
  }
  setDriverLock(l: number, tid: number): void {
    this.a[this.at(l, L_LOCK)] = tid;
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

  // --- threads, for symmetry reduction (ThreadRenumbering) ------------------------------------

  /**
   * Compares what the memory holds about threads `t1` and `t2`, place by place: the notifier lock,
   * each listener's driver lock, SRCU (nesting, markers, wait sets), then the interval world's
   * ranging and wait-queue sets and each mirror's mutex. These are every place a thread is named:
   * a fault names objects and statements, never a thread.
   */
  compareThreads(t1: number, t2: number): number {
    const lock = this.lock;
    if (lock === t1 || lock === t2) return lock === t1 ? 1 : -1;
    for (let l = 0; l < this.listenerCount; l++) {
      const holder = this.driverLock(l);
      if (holder === t1 || holder === t2) return holder === t1 ? 1 : -1;
    }
    const d = this.compareSrcuThreads(t1, t2);
    if (d !== 0 || this.mirrorCount === 0) return d;
    for (const field of [IV.ranging, IV.armed]) {
      const mask = this.iv(field);
      const d = ((mask >>> t1) & 1) - ((mask >>> t2) & 1);
      if (d !== 0) return d;
    }
    for (let i = 0; i < this.mirrorCount; i++) {
      const holder = this.mirror(i, MF.mutex);
      if (holder === t1 || holder === t2) return holder === t1 ? 1 : -1;
    }
    return 0;
  }

  /** Renumbers every reference to a thread that `compareThreads` reads. */
  renumberThreads(newIndex: Int32Array): void {
    this.lock = renumberThread(this.lock, newIndex);
    for (let l = 0; l < this.listenerCount; l++) this.setDriverLock(l, renumberThread(this.driverLock(l), newIndex));
    this.renumberSrcuThreads(newIndex);
    if (this.mirrorCount === 0) return;
    this.setIv(IV.ranging, renumberMask(this.iv(IV.ranging), newIndex));
    this.setIv(IV.armed, renumberMask(this.iv(IV.armed), newIndex));
    for (let i = 0; i < this.mirrorCount; i++)
      this.setMirror(i, MF.mutex, renumberThread(this.mirror(i, MF.mutex), newIndex));
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
    at = SCALARS.unpack(data, at, a, b);
    for (let l = 0; l < this.listenerCount; l++)
      at = LISTENER.unpack(data, at, a, b + LISTENERS_AT + LISTENER_SLOTS * l);
    if (this.mirrorCount > 0) {
      at = INTERVAL.unpack(data, at, a, b + this.intervalAt);
      for (let i = 0; i < this.mirrorCount; i++) at = MIRROR.unpack(data, at, a, b + this.mirrorsAt + MIRROR_SLOTS * i);
    }
    at = this.readSrcu(data, at);
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

  writeTo(out: IntSink): void {
    // A record never packs into more words than it has slots: the memory's width and the fault count are room enough.
    out.grow(out.length + this.width + 1);
    const d = out.data;
    const a = this.a;
    const b = this.base;
    let n = SCALARS.pack(a, b, d, out.length);
    for (let l = 0; l < this.listenerCount; l++) n = LISTENER.pack(a, b + LISTENERS_AT + LISTENER_SLOTS * l, d, n);
    if (this.mirrorCount > 0) {
      n = INTERVAL.pack(a, b + this.intervalAt, d, n);
      for (let i = 0; i < this.mirrorCount; i++) n = MIRROR.pack(a, b + this.mirrorsAt + MIRROR_SLOTS * i, d, n);
    }
    n = this.writeSrcu(d, n);
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
