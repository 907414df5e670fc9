/**
 * The one interpreter of programs of guarded steps, behind both program models. Each thread's stack
 * is a region of an Int32Array (see Frame.ts); the shared state is held by a `SharedHolder`, the only
 * part that differs between packed memory and an Immutable value. A state is loaded once into `cur`;
 * each successor is built in the copy `work`, so a transition stays a pure function of the loaded
 * state while nothing is allocated per field or per step.
 */
import type { IntSink } from '../IntSink.js';
import type { Statement } from '../Statement.js';
import { decodeFrame, frameCode, frameSlot, stackStride, unpackFrame, type Frame, type LiveFrame } from './Frame.js';
import { compileProc, type Proc, type ProcDef } from './Proc.js';
import { programStatements, type ProgramStatements } from './programStatements.js';
import type { SharedHolder } from './SharedHolder.js';
import type { StepDef } from './Step.js';
import { StepContext } from './StepContext.js';
import type { ThreadSpec } from './ThreadSpec.js';
import { requireUniqueThreadNames } from './threadNames.js';

/** Calls nest deeper than a thread's region holds (a view whose stacks may grow retries with room for more). */
export class FrameLimitError extends RangeError {}

/** What an interpreter is made of. */
export interface ProgramMachineSpec<S> {
  readonly procs: readonly ProcDef<S>[];
  readonly threads: readonly ThreadSpec[];
  readonly holder: SharedHolder<S>;
  /** Frames a thread's stack may hold. */
  readonly maxFrames: number;
}

/** A frame with the name of its procedure, for traces. */
export interface NamedFrame {
  readonly proc: string;
  readonly frame: Frame;
}

/** A loaded state, its enabled steps, and the successors built from it. */
export class ProgramMachine<S> {
  readonly procs: readonly Proc<S>[];
  readonly threadCount: number;
  readonly maxFrames: number;
  /** Integers of a thread's region of the state array. */
  readonly stride: number;
  /** Integers of all threads' regions; a shared part held in the array starts here. */
  readonly stacksWidth: number;
  /** Integers of the state array. */
  readonly width: number;
  /** Thread indices with an enabled step in the loaded state, ascending; `enabledCount` of them. */
  readonly enabled: Int32Array;
  enabledCount = 0;
  /** The shared state guards and steps see: the loaded one, then the one the last step and its settling built. */
  shared: S;
  /** The loaded state. */
  protected readonly cur: Int32Array;
  /** The successor being built. */
  protected readonly work: Int32Array;
  private readonly threads: readonly ThreadSpec[];
  private readonly holder: SharedHolder<S>;
  private readonly procIndex: ReadonlyMap<string, number>;
  private readonly daemons: readonly boolean[];
  private readonly steps: (StepDef<S> | undefined)[];
  /** Each thread's top frame in the loaded state, as its guard and step see it. */
  private readonly frames: LiveFrame[];
  private readonly settling: LiveFrame = { proc: 0, pc: 0, arg: -1, local: 0 };
  private readonly context: StepContext<S>;
  // Built on first use: statement coverage is the only reader, and most runs do not ask for it.
  private statementsOf: ProgramStatements<S> | undefined;

  constructor(spec: ProgramMachineSpec<S>) {
    this.procs = spec.procs.map((def, i) => compileProc(def, i));
    this.procIndex = new Map(this.procs.map((p) => [p.name, p.index]));
    if (this.procIndex.size !== this.procs.length) throw new Error('two procedures share a name');
    requireUniqueThreadNames(spec.threads);
    this.threads = spec.threads;
    this.holder = spec.holder;
    this.threadCount = spec.threads.length;
    this.maxFrames = spec.maxFrames;
    this.stride = stackStride(spec.maxFrames);
    this.stacksWidth = this.stride * this.threadCount;
    this.width = this.stacksWidth + spec.holder.width;
    this.daemons = spec.threads.map((t) => t.daemon === true);
    this.cur = new Int32Array(this.width);
    this.work = new Int32Array(this.width);
    this.enabled = new Int32Array(this.threadCount);
    this.steps = spec.threads.map(() => undefined);
    this.frames = spec.threads.map(() => ({ proc: 0, pc: 0, arg: -1, local: 0 }));
    this.shared = spec.holder.read(this.cur);
    this.context = new StepContext<S>(this.shared, 0, this.frames[0] ?? this.settling, this.procs[0]!);
  }

  /** Builds the initial stacks in `work`: thread by thread, each enters its entry procedure and settles. */
  start(): void {
    const a = this.work;
    a.fill(0, 0, this.stacksWidth);
    this.shared = this.holder.build(a);
    for (let tid = 0; tid < this.threadCount; tid++) {
      const t = this.threads[tid]!;
      this.push(a, tid, this.procId(t.entry), t.arg ?? -1);
      this.settle(a, tid);
    }
  }

  /** Loads thread `tid`'s stack of the state to load: its `size` integers, `from[at…]`. */
  loadStack(tid: number, from: ArrayLike<number>, at: number, size: number): void {
    if (size > 2 * this.maxFrames || size % 2 !== 0)
      throw new RangeError(`thread ${this.threadName(tid)}: a stack of ${size / 2} frames does not fit`);
    const a = this.cur;
    const base = this.stride * tid;
    a[base] = size >> 1;
    const first = frameSlot(base, 0);
    for (let i = 0; i < size; i++) a[first + i] = from[at + i]!;
  }

  /** Loads every thread's stack of the state to load from its canonical encoding at `data[at]`; returns where it ended. */
  loadStacks(data: Int32Array, at: number): number {
    for (let tid = 0; tid < this.threadCount; tid++) {
      const size = data[at++]!;
      this.loadStack(tid, data, at, size);
      at += size;
    }
    return at;
  }

  /** Finds the enabled step of every thread in the loaded state. */
  findEnabled(): void {
    const a = this.cur;
    this.shared = this.holder.read(a);
    let count = 0;
    for (let tid = 0; tid < this.threadCount; tid++) {
      const step = this.enabledStep(a, tid);
      this.steps[tid] = step;
      if (step) this.enabled[count++] = tid;
    }
    this.enabledCount = count;
  }

  /** Builds in `work` the successor of the loaded state by its `k`-th enabled thread. */
  take(k: number): void {
    const tid = this.enabled[k]!;
    const step = this.steps[tid]!;
    const a = this.work;
    a.set(this.cur);
    this.shared = this.holder.build(a);
    const frame = this.frames[tid]!;
    const x = this.context;
    x.restart(this.shared, tid, frame, this.procs[frame.proc]!);
    step.run?.(x);
    this.shared = x.shared;
    const base = this.stride * tid;
    const top = frameSlot(base, a[base]! - 1);
    a[top] = frameCode(frame.proc, x.next, frame.arg);
    a[top + 1] = x.local;
    if (x.callee) this.push(a, tid, this.procId(x.callee.name), x.callee.arg);
    this.settle(a, tid);
  }

  /** Appends every thread's stack of `a` as its canonical encoding: its size, then its integers. */
  writeStacks(a: Int32Array, out: IntSink): void {
    out.grow(out.length + this.stacksWidth);
    const d = out.data;
    let n = out.length;
    for (let tid = 0; tid < this.threadCount; tid++) {
      const base = this.stride * tid;
      const size = 2 * a[base]!;
      d[n++] = size;
      const first = frameSlot(base, 0);
      for (let i = 0; i < size; i++) d[n++] = a[first + i]!;
    }
    out.length = n;
  }

  /** The integers of thread `tid`'s stack in the successor last built. */
  builtStack(tid: number): number[] {
    const a = this.work;
    const base = this.stride * tid;
    const first = frameSlot(base, 0);
    const out = new Array<number>(2 * a[base]!);
    for (let i = 0; i < out.length; i++) out[i] = a[first + i]!;
    return out;
  }

  /** Every statement of the procedures, each function and text once, in procedure and body order. */
  statements(): readonly Statement[] {
    this.statementsOf ??= programStatements(this.procs);
    return this.statementsOf.statements;
  }

  /** The index in `statements()` of the statement the loaded state's `k`-th enabled thread executes. */
  enabledStatement(k: number): number {
    this.statementsOf ??= programStatements(this.procs);
    return this.statementsOf.indexOf.get(this.steps[this.enabled[k]!]!)!;
  }

  /** The threads with an enabled step in the loaded state, ascending. */
  enabledThreads(): number[] {
    const out = new Array<number>(this.enabledCount);
    for (let k = 0; k < out.length; k++) out[k] = this.enabled[k]!;
    return out;
  }

  /** Which of the loaded state's enabled threads `tid` is (its `k`), or -1 when it has no enabled step. */
  enabledIndex(tid: number): number {
    for (let k = 0; k < this.enabledCount; k++) if (this.enabled[k] === tid) return k;
    return -1;
  }

  /** The step thread `tid` would take in the loaded state, or undefined. */
  stepOf(tid: number): StepDef<S> | undefined {
    return this.steps[tid];
  }

  /** The top frame of thread `tid` in the loaded state, or undefined once it has finished. */
  frameOf(tid: number): Frame | undefined {
    return this.readFrame(this.cur, tid) ? { ...this.frames[tid]! } : undefined;
  }

  /** Every frame of thread `tid` in the loaded state, outermost first. */
  stackOf(tid: number): Frame[] {
    const a = this.cur;
    const base = this.stride * tid;
    const out: Frame[] = [];
    for (let i = 0; i < a[base]!; i++) {
      const at = frameSlot(base, i);
      out.push(unpackFrame(a[at]!, a[at + 1]!));
    }
    return out;
  }

  /** Every frame of thread `tid` in the loaded state, outermost first, with its procedure's name. */
  framesOf(tid: number): NamedFrame[] {
    return this.stackOf(tid).map((frame) => ({ proc: this.procs[frame.proc]!.name, frame }));
  }

  /** Where thread `tid` stands in the loaded state: the function of its current step, or 'done'. */
  locationOf(tid: number): string {
    const top = this.frameOf(tid);
    if (!top) return 'done';
    const proc = this.procs[top.proc]!;
    const pos = proc.positions[top.pc];
    return pos && 'steps' in pos ? pos.steps[0]!.fn : proc.name;
  }

  /**
   * The statements thread `tid` stands at in the loaded state, enabled or not (several at a choice
   * of guarded alternatives; none once it has finished or while it stands at a call): what a
   * thread that cannot move waits to do.
   */
  pendingStepsOf(tid: number): readonly StepDef<S>[] {
    const top = this.frameOf(tid);
    if (!top) return [];
    const pos = this.procs[top.proc]!.positions[top.pc];
    return pos && 'steps' in pos ? pos.steps : [];
  }

  /** True when thread `tid` has run to completion in the loaded state. */
  finished(tid: number): boolean {
    return this.cur[this.stride * tid] === 0;
  }

  /** True when every non-daemon thread has finished in the loaded state. */
  allFinished(): boolean {
    for (let tid = 0; tid < this.threadCount; tid++)
      if (!this.daemons[tid] && this.cur[this.stride * tid] !== 0) return false;
    return true;
  }

  /** The name of thread `tid`. */
  threadName(tid: number): string {
    return this.threads[tid]?.name ?? `thread ${tid}`;
  }

  private readFrame(a: Int32Array, tid: number): boolean {
    const base = this.stride * tid;
    const n = a[base]!;
    if (!n) return false; // also past the last thread, where there is no region
    const at = frameSlot(base, n - 1);
    decodeFrame(this.frames[tid]!, a[at]!, a[at + 1]!);
    return true;
  }

  /** The first step at thread `tid`'s position whose guard holds, or undefined when it waits or has finished. */
  private enabledStep(a: Int32Array, tid: number): StepDef<S> | undefined {
    if (!this.readFrame(a, tid)) return undefined;
    const frame = this.frames[tid]!;
    const pos = this.procs[frame.proc]!.positions[frame.pc];
    if (!pos || !('steps' in pos)) return undefined;
    for (const step of pos.steps) {
      if (!step.guard || step.guard(this.shared, frame, tid)) return step;
    }
    return undefined;
  }

  private push(a: Int32Array, tid: number, proc: number, arg: number): void {
    const base = this.stride * tid;
    const n = a[base]!;
    if (n >= this.maxFrames)
      throw new FrameLimitError(`thread ${this.threadName(tid)}: calls nest deeper than ${this.maxFrames} frames`);
    const at = frameSlot(base, n);
    a[at] = frameCode(proc, 0, arg);
    a[at + 1] = 0;
    a[base] = n + 1;
  }

  /** Resolves calls and returns, which take no step, until the top frame stands at a step. */
  private settle(a: Int32Array, tid: number): void {
    const base = this.stride * tid;
    const f = this.settling;
    for (;;) {
      const n = a[base]!;
      if (n === 0) return;
      const at = frameSlot(base, n - 1);
      decodeFrame(f, a[at]!, a[at + 1]!);
      const proc = this.procs[f.proc]!;
      const pos = proc.positions[f.pc];
      if (!pos) {
        a[at] = 0;
        a[at + 1] = 0;
        a[base] = n - 1;
        if (proc.onReturn) this.shared = proc.onReturn(this.shared, { ...f }, tid);
      } else if ('call' in pos) {
        const def = pos.call;
        const name = typeof def.proc === 'string' ? def.proc : def.proc(f, this.shared);
        const arg = def.arg ? def.arg(f) : f.arg;
        a[at] = frameCode(f.proc, f.pc + 1, f.arg);
        this.push(a, tid, this.procId(name), arg);
      } else {
        return;
      }
    }
  }

  private procId(name: string): number {
    const id = this.procIndex.get(name);
    if (id === undefined) throw new Error(`no procedure named ${name}`);
    return id;
  }
}
