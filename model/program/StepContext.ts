/**
 * The working area of one step: the shared state being built and where control goes next.
 * It lives for a single transition only, so the transition as a whole stays a pure function.
 */
import type { Frame } from './Frame.js';
import type { Proc } from './Proc.js';

/** What a step's effect sees and sets. */
export class StepContext<G> {
  /**
   * The shared state: an Immutable value the effect replaces (never mutates), or, in the packed form,
   * the memory of the successor being built, which the effect changes in place.
   */
  shared: G;
  /** The next position of the current frame; defaults to the one after this step. */
  next: number;
  /** The current frame's local variable after the step. */
  local: number;
  /** A procedure to enter after this step, with its argument. */
  callee: { readonly name: string; readonly arg: number } | undefined = undefined;

  /** The thread taking the step. */
  readonly tid: number;
  /** The frame as it was before the step. */
  readonly frame: Frame;
  private proc: Proc<G>;

  constructor(shared: G, tid: number, frame: Frame, proc: Proc<G>) {
    this.shared = shared;
    this.tid = tid;
    this.frame = frame;
    this.proc = proc;
    this.next = frame.pc + 1;
    this.local = frame.local;
  }

  /** Makes this the context of a new step, as the constructor would (a runner reuses one context for every step it takes). */
  restart(shared: G, tid: number, frame: Frame, proc: Proc<G>): void {
    this.shared = shared;
    (this as { tid: number }).tid = tid;
    (this as { frame: Frame }).frame = frame;
    this.proc = proc;
    this.next = frame.pc + 1;
    this.local = frame.local;
    this.callee = undefined;
  }

  /** The argument of the current procedure. */
  get arg(): number {
    return this.frame.arg;
  }

  /** Continues at a label of the current procedure. */
  goto(label: string): void {
    const target = this.proc.labels.get(label);
    if (target === undefined) throw new Error(`procedure ${this.proc.name} has no label ${label}`);
    this.next = target;
  }

  /** Stays at this position: the step will be taken again (a loop of one step). */
  repeat(): void {
    this.next = this.frame.pc;
  }

  /** Returns from the current procedure after this step. */
  ret(): void {
    this.next = this.proc.positions.length;
  }

  /** Enters a procedure after this step; it returns to the position this step continues at. */
  call(name: string, arg: number): void {
    this.callee = { name, arg };
  }

  /** Replaces the shared state with the result of `f`. */
  update(f: (shared: G) => G): void {
    this.shared = f(this.shared);
  }
}
