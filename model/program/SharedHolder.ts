/**
 * How the interpreter holds a program's shared state: the one part in which the two program forms
 * differ. Control flow (stacks, calls, returns, guards) lives in `ProgramMachine`; what guards read
 * and what a step starts from is asked of a holder. Packed memory would live in the state array
 * itself (a `width` of its own, pointed at the array being read or built); `PackedProgram` still
 * runs its own copy of the control flow for speed (see there).
 */
/** Where a program's shared state is, as the interpreter's guards and steps see it. */
export interface SharedHolder<S> {
  /** Integers the shared part takes in the state array after the stacks (0 when it is held apart). */
  readonly width: number;
  /** The shared state of the loaded state `a`, as guards read it. */
  read(a: Int32Array): S;
  /** The shared state a step starts from while a successor is built in `a` (a copy of the loaded state). */
  build(a: Int32Array): S;
}

/**
 * An Immutable value held apart from the state array: the view that loads a state sets `value`, and
 * a step replaces rather than changes it, so every successor starts from the same loaded value.
 */
export class HeldValue<G> implements SharedHolder<G> {
  readonly width = 0;

  constructor(public value: G) {}

  read(): G {
    return this.value;
  }

  build(): G {
    return this.value;
  }
}
