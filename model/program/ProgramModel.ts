/**
 * A model made of threads that run programs of atomic steps over shared Immutable.js state.
 * An action is the index of the thread that takes its next step; each thread has at most one
 * enabled step at a time, so the interleavings are exactly the choices of which thread moves.
 */
import { List } from 'immutable';
import type { Model } from '../Model.js';
import type { Property } from '../Property.js';
import { WEAK_FAIRNESS, type Fairness } from '../Fairness.js';
import type { EncodeSink } from '../EncodeSink.js';
import type { DecodeSource } from '../DecodeSource.js';
import type { ActionView, StateView } from '../ActionView.js';
import type { Statement } from '../Statement.js';
import type { ProcDef } from './Proc.js';
import { FrameLimitError, ProgramMachine, type NamedFrame } from './ProgramMachine.js';
import { makeProgramState, type ProgramState, type Stack } from './ProgramState.js';
import { decodeStacks, encodeStacks, formatStepView, stepView } from './programCodec.js';
import { HeldValue } from './SharedHolder.js';
import type { ThreadSpec } from './ThreadSpec.js';

export type { ThreadSpec } from './ThreadSpec.js';

/** Everything a program model is made of. */
export interface ProgramSpec<G> {
  readonly procs: readonly ProcDef<G>[];
  readonly threads: readonly ThreadSpec[];
  readonly initShared: G;
  readonly properties: readonly Property<ProgramState<G>>[];
  /** How fairly the threads are scheduled, for liveness properties (default: weak, every thread). */
  readonly fairness?: Fairness;
  /** With every non-daemon thread finished: is this shared state a proper end? (default: yes) */
  readonly finalShared?: (shared: G) => boolean;
  /** Canonical encoding of the shared state (default: none, the checker's generic encoder is used). */
  readonly encodeShared?: (shared: G, sink: EncodeSink) => void;
  /** The inverse of `encodeShared`; with it the model can be explored by parallel workers. */
  readonly decodeShared?: (source: DecodeSource) => G;
  readonly describeShared?: (shared: G) => StateView;
}

/** Frames a thread's stack first has room for; a deeper call doubles the room, up to `DEEPEST` frames. */
const FIRST_FRAMES = 8;
const DEEPEST = 4096;
const EMPTY: Stack = List();

/**
 * The model of a multi-threaded program: a view of Immutable states over the program interpreter.
 * A state's stacks are loaded into the interpreter (once per state), a step is taken there, and the
 * stack it changed is read back; the shared value is the one the step and its settling returned.
 */
export class ProgramModel<G> implements Model<ProgramState<G>, number> {
  private readonly held: HeldValue<G>;
  private machine: ProgramMachine<G>;
  private readonly daemons: readonly boolean[];
  /** The state whose stacks and shared value the interpreter holds. */
  private loaded: ProgramState<G> | undefined;
  /** The state whose enabled steps the interpreter has found. */
  private searched: ProgramState<G> | undefined;
  /** The List each thread's stack in the interpreter was loaded from. */
  private readonly stacks: (Stack | undefined)[];

  constructor(readonly spec: ProgramSpec<G>) {
    this.held = new HeldValue(spec.initShared);
    this.machine = this.machineWith(FIRST_FRAMES);
    this.daemons = spec.threads.map((t) => t.daemon === true);
    this.stacks = spec.threads.map(() => undefined);
    if (spec.encodeShared) this.encode = this.encodeProgram;
    if (spec.encodeShared && spec.decodeShared) this.decode = this.decodeProgram;
  }

  initStates(): readonly ProgramState<G>[] {
    return this.growing(() => {
      this.forget();
      this.held.value = this.spec.initShared;
      const m = this.machine;
      m.start();
      const stacks = this.spec.threads.map((_t, tid) => List(m.builtStack(tid)));
      return [makeProgramState(m.shared, List(stacks))];
    });
  }

  actions(state: ProgramState<G>): readonly number[] {
    this.search(state);
    return this.machine.enabledThreads();
  }

  nextState(state: ProgramState<G>, tid: number): ProgramState<G> {
    return this.growing(() => {
      this.search(state);
      const m = this.machine;
      const k = m.enabledIndex(tid);
      if (k < 0) throw new Error(`thread ${this.threadName(tid)} has no enabled step`);
      m.take(k);
      return state.set('threads', state.threads.set(tid, List(m.builtStack(tid)))).set('shared', m.shared);
    });
  }

  properties(): readonly Property<ProgramState<G>>[] {
    return this.spec.properties;
  }

  /** The threads, by name: each is a group of fairness. */
  fairnessGroups(): readonly string[] {
    return this.spec.threads.map((t) => t.name);
  }

  /** An action is the thread that moves, so its group is that thread. */
  fairnessGroup(_state: ProgramState<G>, tid: number): number {
    return tid;
  }

  fairness(): Fairness {
    return this.spec.fairness ?? WEAK_FAIRNESS;
  }

  isFinal(state: ProgramState<G>): boolean {
    return this.allFinished(state) && (this.spec.finalShared?.(state.shared) ?? true);
  }

  /** True when every non-daemon thread has run to completion. */
  allFinished(state: ProgramState<G>): boolean {
    const threads = state.threads;
    for (let tid = 0; tid < this.daemons.length; tid++) {
      if (!this.daemons[tid] && threads.get(tid)!.size > 0) return false;
    }
    return true;
  }

  /** True when thread `tid` has run to completion. */
  finished(state: ProgramState<G>, tid: number): boolean {
    return (state.threads.get(tid)?.size ?? 0) === 0;
  }

  encode?: (state: ProgramState<G>, sink: EncodeSink) => void;

  private encodeProgram(state: ProgramState<G>, sink: EncodeSink): void {
    encodeStacks(state.threads, sink);
    this.spec.encodeShared!(state.shared, sink);
  }

  decode?: (source: DecodeSource) => ProgramState<G>;

  private decodeProgram(source: DecodeSource): ProgramState<G> {
    const stacks = decodeStacks(this.daemons.length, source);
    return makeProgramState(this.spec.decodeShared!(source), stacks);
  }

  actionView(state: ProgramState<G>, tid: number): ActionView {
    this.search(state);
    const step = this.machine.stepOf(tid);
    const spec = this.spec.threads[tid];
    if (!step || !spec) throw new Error(`thread ${tid} has no enabled step`);
    return stepView(spec, step);
  }

  statements(): readonly Statement[] {
    return this.machine.statements();
  }

  formatAction(state: ProgramState<G>, tid: number): string {
    return formatStepView(this.actionView(state, tid));
  }

  describe(state: ProgramState<G>): StateView {
    return this.spec.describeShared?.(state.shared) ?? {};
  }

  /** The name of thread `tid`. */
  threadName(tid: number): string {
    return this.machine.threadName(tid);
  }

  /** Where thread `tid` stands: the function of its current step, or 'done'. */
  location(state: ProgramState<G>, tid: number): string {
    this.load(state);
    return this.machine.locationOf(tid);
  }

  /** The statements thread `tid` stands at in `state`, enabled or not (none once it has finished). */
  pendingSteps(state: ProgramState<G>, tid: number): ActionView[] {
    this.load(state);
    const spec = this.spec.threads[tid];
    return spec ? this.machine.pendingStepsOf(tid).map((step) => stepView(spec, step)) : [];
  }

  /** The frames of thread `tid`, outermost first, with their procedure names. */
  frames(state: ProgramState<G>, tid: number): NamedFrame[] {
    this.load(state);
    return this.machine.framesOf(tid);
  }

  private machineWith(maxFrames: number): ProgramMachine<G> {
    const { procs, threads } = this.spec;
    return new ProgramMachine({ procs, threads, holder: this.held, maxFrames });
  }

  /**
   * Runs `run`, and runs it again with stacks twice as deep when calls nested deeper than they held
   * (harmless: a step over an Immutable value replaces it, so running it again changes nothing).
   */
  private growing<T>(run: () => T): T {
    for (;;) {
      try {
        return run();
      } catch (e) {
        if (!(e instanceof FrameLimitError) || this.machine.maxFrames >= DEEPEST) throw e;
        this.resize(2 * this.machine.maxFrames);
      }
    }
  }

  private resize(maxFrames: number): void {
    this.machine = this.machineWith(maxFrames);
    this.stacks.fill(undefined);
    this.forget();
  }

  private forget(): void {
    this.loaded = undefined;
    this.searched = undefined;
  }

  /**
   * Puts the stacks and shared value of `state` into the interpreter. A stack that is the very List
   * already loaded for its thread is not copied again: a successor shares every stack but one with
   * the state it came from, and the search loads siblings one after another.
   */
  private load(state: ProgramState<G>): void {
    if (this.loaded === state) return;
    this.forget();
    const threads = state.threads;
    let tid = 0;
    while (tid < this.machine.threadCount) {
      const stack = threads.get(tid) ?? EMPTY;
      if (this.stacks[tid] !== stack) {
        const frames = stack.size >> 1;
        if (frames > this.machine.maxFrames) {
          // Deeper than the interpreter holds: make room, and load every stack into the new one.
          this.resize(Math.max(frames, 2 * this.machine.maxFrames));
          tid = 0;
          continue;
        }
        this.stacks[tid] = undefined;
        const ints = stack.toArray();
        this.machine.loadStack(tid, ints, 0, ints.length);
        this.stacks[tid] = stack;
      }
      tid++;
    }
    this.held.value = state.shared;
    this.loaded = state;
  }

  /** Loads `state` and finds the enabled step of every thread. */
  private search(state: ProgramState<G>): void {
    this.load(state);
    if (this.searched === state) return;
    this.machine.findEnabled();
    this.searched = state;
  }
}
