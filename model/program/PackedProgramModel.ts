/**
 * A program model whose steps are written once, against packed shared memory, and which serves
 * both forms: Immutable states for everything a person or a trace sees (each transition loads the
 * state into a runner, takes the step and decodes the result), and encoded states for the search
 * engine (`packed()`), which never builds an Immutable value on its hot path.
 */
import type { Model } from '../Model.js';
import type { Property } from '../Property.js';
import { WEAK_FAIRNESS, type Fairness } from '../Fairness.js';
import type { EncodeSink } from '../EncodeSink.js';
import type { DecodeSource } from '../DecodeSource.js';
import type { ActionView, StateView } from '../ActionView.js';
import type { Statement } from '../Statement.js';
import type { PackedExpander } from '../PackedExpander.js';
import type { ModelSymmetry } from '../ModelSymmetry.js';
import { IntBuffer, IntReader } from '../IntBuffer.js';
import type { PackedProgram } from './PackedProgram.js';
import type { NamedFrame } from './ProgramMachine.js';
import type { PackedShared } from './PackedShared.js';
import { makeProgramState, type ProgramState } from './ProgramState.js';
import { decodeStacks, encodeStacks, formatStepView, stepView } from './programCodec.js';
import type { ThreadSpec } from './ThreadSpec.js';
import { requireUniqueThreadNames } from './threadNames.js';

/** Everything a packed program model is made of. */
export interface PackedProgramModelSpec<G, M extends PackedShared> {
  readonly threads: readonly ThreadSpec[];
  /** A new runner with memory of its own (one per search thread). */
  readonly runner: () => PackedProgram<M>;
  /** The shared state the threads start from. */
  readonly initShared: G;
  /** The canonical encoding of the shared state: the one `M` reads and writes. */
  readonly encodeShared: (shared: G, sink: EncodeSink) => void;
  readonly decodeShared: (source: DecodeSource) => G;
  readonly describeShared?: (shared: G) => StateView;
  readonly properties: readonly Property<ProgramState<G>>[];
  /** How fairly the threads are scheduled, for liveness properties (default: weak, every thread). */
  readonly fairness?: Fairness;
  /** With every non-daemon thread finished: is this shared state a proper end? (default: yes) */
  readonly finalShared?: (shared: G) => boolean;
  /** False only for a loaded state that certainly violates no property (default: always true). */
  readonly mayViolate?: (runner: PackedProgram<M>) => boolean;
}

/** The model of a program whose shared state is packed. */
export class PackedProgramModel<G, M extends PackedShared> implements Model<ProgramState<G>, number> {
  private readonly runner: PackedProgram<M>;
  private readonly buffer = new IntBuffer(256);
  private loaded: ProgramState<G> | undefined;
  private readonly threadSymmetry: ModelSymmetry<ProgramState<G>> | undefined;

  constructor(readonly spec: PackedProgramModelSpec<G, M>) {
    requireUniqueThreadNames(spec.threads);
    this.runner = spec.runner();
    this.threadSymmetry = this.runner.symmetry && this.makeSymmetry(this.runner.symmetry.groups);
  }

  initStates(): readonly ProgramState<G>[] {
    const shared = new IntBuffer();
    this.spec.encodeShared(this.spec.initShared, shared);
    this.buffer.clear();
    this.runner.writeInitial(shared.data.subarray(0, shared.length), this.buffer);
    return [this.decode(new IntReader(this.buffer.data, 0, this.buffer.length))];
  }

  actions(state: ProgramState<G>): readonly number[] {
    this.load(state);
    return Array.from(this.runner.enabled.subarray(0, this.runner.enabledCount));
  }

  nextState(state: ProgramState<G>, tid: number): ProgramState<G> {
    this.load(state);
    const k = this.runner.enabled.subarray(0, this.runner.enabledCount).indexOf(tid);
    if (k < 0) throw new Error(`thread ${this.threadName(tid)} has no enabled step`);
    this.buffer.clear();
    this.runner.successor(k, this.buffer);
    return this.decode(new IntReader(this.buffer.data, 0, this.buffer.length));
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
    return this.spec.threads.every((t, tid) => t.daemon === true || state.threads.get(tid)!.size === 0);
  }

  /** True when thread `tid` has run to completion. */
  finished(state: ProgramState<G>, tid: number): boolean {
    return (state.threads.get(tid)?.size ?? 0) === 0;
  }

  encode(state: ProgramState<G>, sink: EncodeSink): void {
    encodeStacks(state.threads, sink);
    this.spec.encodeShared(state.shared, sink);
  }

  decode(source: DecodeSource): ProgramState<G> {
    const stacks = decodeStacks(this.spec.threads.length, source);
    return makeProgramState(this.spec.decodeShared(source), stacks);
  }

  /**
   * The engine's form of this model: a runner of its own that expands encoded states. A model
   * derived from this one that replaces a transition method (to wrap or instrument it) has none:
   * the packed form would bypass the replacement.
   */
  packed(): PackedExpander | undefined {
    const own = PackedProgramModel.prototype;
    if (
      this.actions !== own.actions ||
      this.nextState !== own.nextState ||
      this.encode !== own.encode ||
      this.decode !== own.decode ||
      this.initStates !== own.initStates
    )
      return undefined;
    const runner = this.spec.runner();
    const mayViolate = this.spec.mayViolate;
    return {
      load: (data, start, end) => runner.load(data, start, end),
      get actionCount() {
        return runner.enabledCount;
      },
      needsCheck: () => mayViolate === undefined || mayViolate(runner),
      successor: (k, out) => runner.successor(k, out),
      actionThread: (k) => runner.enabled[k]!,
      actionStatement: (k) => runner.enabledStatement(k),
      view: runner,
      ...(runner.symmetry ? { reduceSymmetry: () => runner.reduceSymmetry() } : {}),
    };
  }

  /** The runner's interchangeable threads, if it has any: a representative has them in canonical order. */
  symmetry(): ModelSymmetry<ProgramState<G>> | undefined {
    return this.threadSymmetry;
  }

  // The representative is computed by a runner of its own (the model's keeps its loaded state), on
  // the encoding: the same integers a packed search writes, so both forms store the same states.
  private makeSymmetry(groups: readonly (readonly number[])[]): ModelSymmetry<ProgramState<G>> {
    const runner = this.spec.runner();
    const encoded = new IntBuffer(256);
    const out = new IntBuffer(256);
    return {
      groups: groups.map((g) => describeGroup(g.map((tid) => this.threadName(tid)))),
      representative: (state) => {
        encoded.clear();
        this.encode(state, encoded);
        out.clear();
        runner.writeRepresentative(encoded.data, 0, encoded.length, out);
        return this.decode(new IntReader(out.data, 0, out.length));
      },
    };
  }

  actionView(state: ProgramState<G>, tid: number): ActionView {
    this.load(state);
    const step = this.runner.stepOf(tid);
    const spec = this.spec.threads[tid];
    if (!step || !spec) throw new Error(`thread ${tid} has no enabled step`);
    return stepView(spec, step);
  }

  // The runner's and every packed() runner's: built from the same procedures, so indices agree.
  statements(): readonly Statement[] {
    return this.runner.statements();
  }

  formatAction(state: ProgramState<G>, tid: number): string {
    return formatStepView(this.actionView(state, tid));
  }

  describe(state: ProgramState<G>): StateView {
    return this.spec.describeShared?.(state.shared) ?? {};
  }

  /** The name of thread `tid`. */
  threadName(tid: number): string {
    return this.runner.threadName(tid);
  }

  /** Where thread `tid` stands: the function of its current step, or 'done'. */
  location(state: ProgramState<G>, tid: number): string {
    this.load(state);
    return this.runner.locationOf(tid);
  }

  /** The statements thread `tid` stands at in `state`, enabled or not (none once it has finished). */
  pendingSteps(state: ProgramState<G>, tid: number): ActionView[] {
    this.load(state);
    const spec = this.spec.threads[tid];
    return spec ? this.runner.pendingStepsOf(tid).map((step) => stepView(spec, step)) : [];
  }

  /** The frames of thread `tid`, outermost first, with their procedure names. */
  frames(state: ProgramState<G>, tid: number): NamedFrame[] {
    this.load(state);
    return this.runner.framesOf(tid);
  }

  private load(state: ProgramState<G>): void {
    if (this.loaded === state) return;
    this.loaded = undefined;
    this.buffer.clear();
    this.encode(state, this.buffer);
    this.runner.load(this.buffer.data, 0, this.buffer.length);
    this.loaded = state;
  }
}

/** A group of interchangeable threads in words: `reader0, reader1` or `reader0…reader5`. */
function describeGroup(names: readonly string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names[0]}…${names[names.length - 1]}`;
}
