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
import type { ThreadRenumbering } from './ThreadRenumbering.js';
import { ThreadSymmetry } from './ThreadSymmetry.js';

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
  /**
   * Groups of interchangeable threads (indices, ascending, two or more each), for symmetry
   * reduction: the memory must then name threads only where `ThreadRenumbering` says.
   */
  readonly symmetricThreads?: readonly (readonly number[])[];
}

/** One runner: a loaded state, its enabled steps, and the successors built from it. */
export class PackedProgram<M extends PackedShared> extends ProgramMachine<M> {
  readonly mem: M;
  private readonly finalShared: ((mem: M) => boolean) | undefined;
  /** The canonical order of interchangeable threads, when the program has any. */
  readonly symmetry: ThreadSymmetry | undefined;
  private reducing = false;

  constructor(spec: PackedProgramSpec<M>) {
    super({ procs: spec.procs, threads: spec.threads, holder: packedHolder(spec.mem), maxFrames: MAX_FRAMES });
    this.mem = spec.mem;
    this.mem.base = this.stacksWidth;
    this.finalShared = spec.finalShared;
    const groups = spec.symmetricThreads ?? [];
    if (groups.length > 0 && !isRenumbering(spec.mem))
      throw new Error('interchangeable threads need shared memory that can renumber them (ThreadRenumbering)');
    this.symmetry =
      groups.length > 0
        ? new ThreadSymmetry(groups, this.threadCount, this.stride, spec.mem as unknown as ThreadRenumbering)
        : undefined;
  }

  /** From now on, successors are written as their orbit's representative (with interchangeable threads). */
  reduceSymmetry(): void {
    this.reducing = this.symmetry !== undefined;
  }

  /** Writes the encoding of the representative of the state encoded in `data[start…end)`. */
  writeRepresentative(data: Int32Array, start: number, end: number, out: IntSink): void {
    const a = this.work;
    const at = this.loadStacks(data, start);
    a.set(this.cur.subarray(0, this.stacksWidth));
    this.mem.a = a;
    if (this.mem.readFrom(data, at) !== end)
      throw new RangeError('the encoded state does not have the length its shape gives');
    this.symmetry?.canonicalize(a);
    this.writeState(a, out);
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
    if (this.reducing) {
      this.mem.a = this.work;
      this.symmetry!.canonicalize(this.work);
    }
    this.writeState(this.work, out);
  }

  private writeState(a: Int32Array, out: IntSink): void {
    this.writeStacks(a, out);
    this.mem.a = a;
    this.mem.writeTo(out);
  }
}

function isRenumbering(mem: object): mem is ThreadRenumbering {
  return 'compareThreads' in mem && 'renumberThreads' in mem;
}
