/**
 * A model made of threads that run programs of atomic steps over shared Immutable.js state.
 * An action is the index of the thread that takes its next step; each thread has at most one
 * enabled step at a time, so the interleavings are exactly the choices of which thread moves.
 */
import { List } from 'immutable';
import type { Model } from '../Model.js';
import type { Property } from '../Property.js';
import type { EncodeSink } from '../EncodeSink.js';
import type { DecodeSource } from '../DecodeSource.js';
import type { ActionView, StateView } from '../ActionView.js';
import { frameCode, unpackFrame, type Frame } from './Frame.js';
import { compileProc, type Proc, type ProcDef } from './Proc.js';
import type { CallDef, StepDef } from './Step.js';
import { StepContext } from './StepContext.js';
import { makeProgramState, type ProgramState, type Stack } from './ProgramState.js';
import { decodeStacks, encodeStacks, formatStepView, stepView } from './programCodec.js';
import { requireUniqueThreadNames } from './threadNames.js';

/** A thread of the program: its name, where it starts, and whether it is a daemon. */
export interface ThreadSpec {
  readonly name: string;
  /** The procedure the thread starts in. */
  readonly entry: string;
  readonly arg?: number;
  readonly cpu?: number;
  /** A daemon (a worker) never has to finish; it is idle whenever it cannot move. */
  readonly daemon?: boolean;
}

/** Everything a program model is made of. */
export interface ProgramSpec<G> {
  readonly procs: readonly ProcDef<G>[];
  readonly threads: readonly ThreadSpec[];
  readonly initShared: G;
  readonly properties: readonly Property<ProgramState<G>>[];
  /** With every non-daemon thread finished: is this shared state a proper end? (default: yes) */
  readonly finalShared?: (shared: G) => boolean;
  /** Canonical encoding of the shared state (default: none, the checker's generic encoder is used). */
  readonly encodeShared?: (shared: G, sink: EncodeSink) => void;
  /** The inverse of `encodeShared`; with it the model can be explored by parallel workers. */
  readonly decodeShared?: (source: DecodeSource) => G;
  readonly describeShared?: (shared: G) => StateView;
}

/** The step a thread would take next, with the frame and procedure it belongs to. */
interface Enabled<G> {
  readonly step: StepDef<G>;
  readonly proc: Proc<G>;
  readonly frame: Frame;
}

/** The frame on top of a stack, or undefined when the thread has finished. */
function topFrame(stack: Stack): Frame | undefined {
  const n = stack.size;
  return n === 0 ? undefined : unpackFrame(stack.get(n - 2)!, stack.get(n - 1)!);
}

/** The model of a multi-threaded program. */
export class ProgramModel<G> implements Model<ProgramState<G>, number> {
  private readonly procs: readonly Proc<G>[];
  private readonly procIndex: ReadonlyMap<string, number>;
  private readonly daemons: readonly boolean[];

  constructor(readonly spec: ProgramSpec<G>) {
    this.procs = spec.procs.map((def, i) => compileProc(def, i));
    this.procIndex = new Map(this.procs.map((p) => [p.name, p.index]));
    if (this.procIndex.size !== this.procs.length) throw new Error('two procedures share a name');
    requireUniqueThreadNames(spec.threads);
    this.daemons = spec.threads.map((t) => t.daemon === true);
    if (spec.encodeShared) this.encode = this.encodeProgram;
    if (spec.encodeShared && spec.decodeShared) this.decode = this.decodeProgram;
  }

  initStates(): readonly ProgramState<G>[] {
    let shared = this.spec.initShared;
    const stacks = this.spec.threads.map((t, tid) => {
      const entry = List([frameCode(this.procId(t.entry), 0, t.arg ?? -1), 0]);
      const settled = this.settle(entry, shared, tid);
      shared = settled.shared;
      return settled.stack;
    });
    return [makeProgramState(shared, List(stacks))];
  }

  actions(state: ProgramState<G>): readonly number[] {
    const enabled: number[] = [];
    const threads = state.threads;
    const shared = state.shared;
    for (let tid = 0; tid < threads.size; tid++) {
      if (this.enabledStep(shared, threads.get(tid)!, tid)) enabled.push(tid);
    }
    return enabled;
  }

  nextState(state: ProgramState<G>, tid: number): ProgramState<G> {
    const stack = state.threads.get(tid);
    const found = stack && this.enabledStep(state.shared, stack, tid);
    if (!stack || !found) throw new Error(`thread ${this.threadName(tid)} has no enabled step`);
    const x = new StepContext(state.shared, tid, found.frame, found.proc);
    found.step.run?.(x);
    const { frame } = found;
    const n = stack.size;
    const callee = x.callee;
    const next = stack.withMutations((s) => {
      s.set(n - 2, frameCode(frame.proc, x.next, frame.arg)).set(n - 1, x.local);
      if (callee) s.push(frameCode(this.procId(callee.name), 0, callee.arg), 0);
    });
    const settled = this.settle(next, x.shared, tid);
    return state.set('threads', state.threads.set(tid, settled.stack)).set('shared', settled.shared);
  }

  properties(): readonly Property<ProgramState<G>>[] {
    return this.spec.properties;
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
    const stack = state.threads.get(tid);
    const found = stack && this.enabledStep(state.shared, stack, tid);
    const spec = this.spec.threads[tid];
    if (!found || !spec) throw new Error(`thread ${tid} has no enabled step`);
    return stepView(spec, found.step);
  }

  formatAction(state: ProgramState<G>, tid: number): string {
    return formatStepView(this.actionView(state, tid));
  }

  describe(state: ProgramState<G>): StateView {
    return this.spec.describeShared?.(state.shared) ?? {};
  }

  /** The name of thread `tid`. */
  threadName(tid: number): string {
    return this.spec.threads[tid]?.name ?? `thread ${tid}`;
  }

  /** Where thread `tid` stands: the function of its current step, or 'done'. */
  location(state: ProgramState<G>, tid: number): string {
    const top = topFrame(state.threads.get(tid) ?? List());
    if (!top) return 'done';
    const pos = this.procs[top.proc]!.positions[top.pc];
    return pos && 'steps' in pos ? pos.steps[0]!.fn : this.procs[top.proc]!.name;
  }

  /** The frames of thread `tid`, outermost first, with their procedure names. */
  frames(state: ProgramState<G>, tid: number): { readonly proc: string; readonly frame: Frame }[] {
    const stack = state.threads.get(tid) ?? List<number>();
    const out: { proc: string; frame: Frame }[] = [];
    for (let i = 0; i < stack.size; i += 2) {
      const frame = unpackFrame(stack.get(i)!, stack.get(i + 1)!);
      out.push({ proc: this.procs[frame.proc]!.name, frame });
    }
    return out;
  }

  private enabledStep(shared: G, stack: Stack, tid: number): Enabled<G> | undefined {
    const frame = topFrame(stack);
    if (!frame) return undefined;
    const proc = this.procs[frame.proc]!;
    const pos = proc.positions[frame.pc];
    if (!pos || !('steps' in pos)) return undefined;
    for (const step of pos.steps) {
      if (!step.guard || step.guard(shared, frame, tid)) return { step, proc, frame };
    }
    return undefined;
  }

  /** Resolves calls and returns, which take no step, until the top frame stands at a step. */
  private settle(stack: Stack, shared: G, tid: number): { stack: Stack; shared: G } {
    for (;;) {
      const top = topFrame(stack);
      if (!top) return { stack, shared };
      const proc = this.procs[top.proc]!;
      const pos = proc.positions[top.pc];
      if (!pos) {
        stack = stack.setSize(stack.size - 2);
        if (proc.onReturn) shared = proc.onReturn(shared, top, tid);
      } else if ('call' in pos) {
        stack = this.enter(stack, top, pos.call, shared);
      } else {
        return { stack, shared };
      }
    }
  }

  private enter(stack: Stack, top: Frame, callDef: CallDef<G>, shared: G): Stack {
    const name = typeof callDef.proc === 'string' ? callDef.proc : callDef.proc(top, shared);
    const arg = callDef.arg ? callDef.arg(top) : top.arg;
    const n = stack.size;
    return stack.withMutations((s) => {
      s.set(n - 2, frameCode(top.proc, top.pc + 1, top.arg)).push(frameCode(this.procId(name), 0, arg), 0);
    });
  }

  private procId(name: string): number {
    const id = this.procIndex.get(name);
    if (id === undefined) throw new Error(`no procedure named ${name}`);
    return id;
  }
}
