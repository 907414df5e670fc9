/**
 * Runs a program of guarded steps over packed states: each thread's stack and the shared fields at
 * fixed offsets of an Int32Array. The interpreter is `ProgramMachine`; this adds the packed shared
 * memory and the canonical encoding the search engine hands in and takes back.
 */
import type { IntSink } from '../IntSink.js';
import type { ProcDef } from './Proc.js';
import { ProgramMachine } from './ProgramMachine.js';
import type { PackedShared } from './PackedShared.js';
import { packedHolder } from './SharedHolder.js';
import type { ThreadSpec } from './ThreadSpec.js';

/** Frames a thread's stack may hold in packed form. */
export const MAX_FRAMES = 8;

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
export class PackedProgram<M extends PackedShared> extends ProgramMachine<M> {
  readonly mem: M;
  private readonly finalShared: ((mem: M) => boolean) | undefined;

  constructor(spec: PackedProgramSpec<M>) {
    super({ procs: spec.procs, threads: spec.threads, holder: packedHolder(spec.mem), maxFrames: MAX_FRAMES });
    this.mem = spec.mem;
    this.mem.base = this.stacksWidth;
    this.finalShared = spec.finalShared;
  }

  /** Writes the encoding of the initial state, whose shared part is encoded in `shared`. */
  writeInitial(shared: Int32Array, out: IntSink): void {
    const a = this.work;
    a.fill(0);
    this.mem.a = a;
    this.mem.readFrom(shared, 0);
    this.start();
    this.writeState(a, out);
  }

  /** Loads a state from its encoding in `data[start…end)` and finds the enabled step of every thread. */
  load(data: Int32Array, start: number, end: number): void {
    const at = this.loadStacks(data, start);
    this.mem.a = this.cur;
    if (this.mem.readFrom(data, at) !== end)
      throw new RangeError('the encoded state does not have the length its shape gives');
    this.findEnabled();
  }

  /** A proper end: every non-daemon thread finished and the shared state final. */
  isFinal(): boolean {
    if (!this.allFinished()) return false;
    this.mem.a = this.cur;
    return this.finalShared?.(this.mem) ?? true;
  }

  /** Builds the successor of the loaded state by its `k`-th enabled thread and writes its encoding. */
  successor(k: number, out: IntSink): void {
    this.take(k);
    this.writeState(this.work, out);
  }

  private writeState(a: Int32Array, out: IntSink): void {
    this.writeStacks(a, out);
    this.mem.a = a;
    this.mem.writeTo(out);
  }
}
