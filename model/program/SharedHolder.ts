/**
 * How the interpreter holds a program's shared state: the one part in which the two program forms
 * differ. Control flow (stacks, calls, returns, guards) is the same for both and lives in
 * `ProgramMachine`; what guards read and what a step starts from is asked of a holder.
 */
import type { PackedShared } from './PackedShared.js';

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
 * Packed memory: the shared fields live in the state array itself, so the memory is pointed at the
 * array being read or built and steps change it in place (the array is already a copy).
 */
export function packedHolder<M extends PackedShared>(mem: M): SharedHolder<M> {
  return {
    width: mem.width,
    read(a: Int32Array): M {
      mem.a = a;
      return mem;
    },
    build(a: Int32Array): M {
      mem.a = a;
      mem.begin();
      return mem;
    },
  };
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
