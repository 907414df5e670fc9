/**
 * Runs a program of guarded steps over packed states: each thread's stack and the shared fields at
 * fixed offsets of an Int32Array. A state is loaded once; each successor is built in a copy, so a
 * transition stays a pure function of the loaded state while nothing is allocated per field.
 *
 * Its control flow is that of `ProgramMachine`, the interpreter `ProgramModel` runs on, written
 * again here for packed memory only: the search's hot path measured 5-8% slower through the
 * general interpreter (its stride is a field, its shared state goes through a holder), so this
 * copy stays until the interpreter is as fast. `test/model/program/ProgramMachine.test.ts` runs one
 * program through both and expects the same states.
 */
import type { IntSink } from '../IntSink.js';
import { decodeFrame, frameCode, frameSlot, stackStride, unpackFrame, type Frame, type LiveFrame } from './Frame.js';
import { compileProc, type Proc, type ProcDef } from './Proc.js';
import type { StepDef } from './Step.js';
import { StepContext } from './StepContext.js';
import type { PackedShared } from './PackedShared.js';
import type { ThreadSpec } from './ThreadSpec.js';
import { requireUniqueThreadNames } from './threadNames.js';

/** Frames a thread's stack may hold in packed form. */
export const MAX_FRAMES = 8;
const STACK = stackStride(MAX_FRAMES);

/** What a packed program is made of (the procedures are written against the shared memory `M`). */
export interface PackedProgramSpec<M extends PackedShared> {
  readonly procs: readonly ProcDef<M>[];
  readonly threads: readonly ThreadSpec[];
  /** The shared memory this runner reads and writes through. */
  readonly mem: M;
  /** With every non-daemon thread finished: is this shared state a proper end? (default: yes) */
  readonly finalShared?: (mem: M) => boolean;
}

/** One runner: a loaded state, its enabled steps, and the successors built from it. */
export class PackedProgram<M extends PackedShared> {
  readonly procs: readonly Proc<M>[];
  readonly mem: M;
  readonly threadCount: number;
  /** Integers of a packed state. */
  readonly width: number;
  /** Thread indices with an enabled step in the loaded state, ascending; `enabledCount` of them. */
  readonly enabled: Int32Array;
  enabledCount = 0;
  private readonly procIndex: ReadonlyMap<string, number>;
  private readonly daemons: readonly boolean[];
  private readonly cur: Int32Array;
  private readonly work: Int32Array;
  private readonly steps: (StepDef<M> | undefined)[];
  private readonly frames: LiveFrame[];
  private readonly settling: LiveFrame = { proc: 0, pc: 0, arg: -1, local: 0 };
  private readonly context: StepContext<M>;

  constructor(private readonly spec: PackedProgramSpec<M>) {
    this.procs = spec.procs.map((def, i) => compileProc(def, i));
    this.procIndex = new Map(this.procs.map((p) => [p.name, p.index]));
    if (this.procIndex.size !== this.procs.length) throw new Error('two procedures share a name');
    requireUniqueThreadNames(spec.threads);
    this.mem = spec.mem;
    this.threadCount = spec.threads.length;
    this.daemons = spec.threads.map((t) => t.daemon === true);
    this.width = STACK * this.threadCount + this.mem.width;
    this.mem.base = STACK * this.threadCount;
    this.cur = new Int32Array(this.width);
    this.work = new Int32Array(this.width);
    this.enabled = new Int32Array(this.threadCount);
    this.steps = spec.threads.map(() => undefined);
    this.frames = spec.threads.map(() => ({ proc: 0, pc: 0, arg: -1, local: 0 }));
    this.context = new StepContext<M>(this.mem, 0, this.frames[0] ?? this.settling, this.procs[0]!);
  }

  /** Writes the encoding of the initial state, whose shared part is encoded in `shared`. */
  writeInitial(shared: Int32Array, out: IntSink): void {
    const a = this.work;
    a.fill(0);
    this.mem.a = a;
    this.mem.readFrom(shared, 0);
    this.mem.begin();
    this.spec.threads.forEach((t, tid) => {
      const at = STACK * tid;
      a[at] = 1;
      a[at + 1] = frameCode(this.procId(t.entry), 0, t.arg ?? -1);
      a[at + 2] = 0;
      this.settle(a, tid);
    });
    this.writeState(a, out);
  }

  /** Loads a state from its encoding in `data[start…end)` and finds the enabled step of every thread. */
  load(data: Int32Array, start: number, end: number): void {
    const a = this.cur;
    let at = start;
    for (let tid = 0; tid < this.threadCount; tid++) {
      const base = STACK * tid;
      const size = data[at++]!;
      if (size > 2 * MAX_FRAMES || size % 2 !== 0)
        throw new RangeError(`thread ${this.threadName(tid)}: a stack of ${size / 2} frames does not fit`);
      a[base] = size >> 1;
      const first = frameSlot(base, 0);
      for (let i = 0; i < size; i++) a[first + i] = data[at++]!;
    }
    this.mem.a = a;
    if (this.mem.readFrom(data, at) !== end)
      throw new RangeError('the encoded state does not have the length its shape gives');
    this.findEnabled();
  }

  private findEnabled(): void {
    const a = this.cur;
    this.mem.a = a;
    let count = 0;
    for (let tid = 0; tid < this.threadCount; tid++) {
      const step = this.enabledStep(a, tid);
      this.steps[tid] = step;
      if (step) this.enabled[count++] = tid;
    }
    this.enabledCount = count;
  }

  /** The step thread `tid` would take in the loaded state, or undefined. */
  stepOf(tid: number): StepDef<M> | undefined {
    return this.steps[tid];
  }

  /** The top frame of thread `tid` in the loaded state, or undefined once it has finished. */
  frameOf(tid: number): Frame | undefined {
    return this.readFrame(this.cur, tid) ? { ...this.frames[tid]! } : undefined;
  }

  /** Every frame of thread `tid` in the loaded state, outermost first. */
  stackOf(tid: number): Frame[] {
    const a = this.cur;
    const at = STACK * tid;
    const out: Frame[] = [];
    for (let i = 0; i < a[at]!; i++) {
      const slot = frameSlot(at, i);
      out.push(unpackFrame(a[slot]!, a[slot + 1]!));
    }
    return out;
  }

  /** True when thread `tid` has run to completion in the loaded state. */
  finished(tid: number): boolean {
    return this.cur[STACK * tid] === 0;
  }

  /** True when every non-daemon thread has finished in the loaded state. */
  allFinished(): boolean {
    for (let tid = 0; tid < this.threadCount; tid++)
      if (!this.daemons[tid] && this.cur[STACK * tid] !== 0) return false;
    return true;
  }

  /** A proper end: every non-daemon thread finished and the shared state final. */
  isFinal(): boolean {
    if (!this.allFinished()) return false;
    this.mem.a = this.cur;
    return this.spec.finalShared?.(this.mem) ?? true;
  }

  /** Builds the successor of the loaded state by its `k`-th enabled thread and writes its encoding. */
  successor(k: number, out: IntSink): void {
    const tid = this.enabled[k]!;
    const step = this.steps[tid]!;
    const a = this.work;
    a.set(this.cur);
    const mem = this.mem;
    mem.a = a;
    mem.begin();
    const frame = this.frames[tid]!;
    const proc = this.procs[frame.proc]!;
    const x = this.context;
    x.restart(mem, tid, frame, proc);
    step.run?.(x);
    const top = frameSlot(STACK * tid, a[STACK * tid]! - 1);
    a[top] = frameCode(frame.proc, x.next, frame.arg);
    a[top + 1] = x.local;
    if (x.callee) this.push(a, tid, this.procId(x.callee.name), x.callee.arg);
    this.settle(a, tid);
    this.writeState(a, out);
  }

  /** The name of thread `tid`. */
  threadName(tid: number): string {
    return this.spec.threads[tid]?.name ?? `thread ${tid}`;
  }

  private writeState(a: Int32Array, out: IntSink): void {
    out.grow(out.length + this.threadCount * STACK);
    const d = out.data;
    let n = out.length;
    for (let tid = 0; tid < this.threadCount; tid++) {
      const at = STACK * tid;
      const size = 2 * a[at]!;
      d[n++] = size;
      const first = frameSlot(at, 0);
      for (let i = 0; i < size; i++) d[n++] = a[first + i]!;
    }
    out.length = n;
    this.mem.a = a;
    this.mem.writeTo(out);
  }

  private readFrame(a: Int32Array, tid: number): boolean {
    const at = STACK * tid;
    const n = a[at]!;
    if (n === 0) return false;
    const top = frameSlot(at, n - 1);
    decodeFrame(this.frames[tid]!, a[top]!, a[top + 1]!);
    return true;
  }

  private enabledStep(a: Int32Array, tid: number): StepDef<M> | undefined {
    if (!this.readFrame(a, tid)) return undefined;
    const frame = this.frames[tid]!;
    const pos = this.procs[frame.proc]!.positions[frame.pc];
    if (!pos || !('steps' in pos)) return undefined;
    for (const step of pos.steps) {
      if (!step.guard || step.guard(this.mem, frame, tid)) return step;
    }
    return undefined;
  }

  private push(a: Int32Array, tid: number, proc: number, arg: number): void {
    const at = STACK * tid;
    const n = a[at]!;
    if (n >= MAX_FRAMES)
      throw new RangeError(`thread ${this.threadName(tid)}: calls nest deeper than ${MAX_FRAMES} frames`);
    const slot = frameSlot(at, n);
    a[slot] = frameCode(proc, 0, arg);
    a[slot + 1] = 0;
    a[at] = n + 1;
  }

  /** Resolves calls and returns, which take no step, until the top frame stands at a step. */
  private settle(a: Int32Array, tid: number): void {
    const at = STACK * tid;
    const f = this.settling;
    for (;;) {
      const n = a[at]!;
      if (n === 0) return;
      const top = frameSlot(at, n - 1);
      decodeFrame(f, a[top]!, a[top + 1]!);
      const proc = this.procs[f.proc]!;
      const pos = proc.positions[f.pc];
      if (!pos) {
        a[top] = 0;
        a[top + 1] = 0;
        a[at] = n - 1;
        if (proc.onReturn) proc.onReturn(this.mem, { ...f }, tid);
      } else if ('call' in pos) {
        const def = pos.call;
        const name = typeof def.proc === 'string' ? def.proc : def.proc(f, this.mem);
        const arg = def.arg ? def.arg(f) : f.arg;
        a[top] = frameCode(f.proc, f.pc + 1, f.arg);
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
