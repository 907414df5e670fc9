/**
 * The shared variables of a packed program: fields at fixed offsets of an Int32Array, read and
 * written in place by steps while one successor is being built. The program kit copies the state
 * before every step, so a transition is still a pure function from one packed state to the next.
 */
import type { IntSink } from '../IntSink.js';

/** What the packed program runner needs of a model's shared memory. */
export interface PackedShared {
  /** The state array being read (guards) or built (steps); set by the runner. */
  a: Int32Array;
  /** Where the shared fields start in `a`; set once by the runner. */
  base: number;
  /** Integers the shared fields take. */
  readonly width: number;
  /** Reads the shared part of a canonical encoding, from `data[at]` on, into `a` (with any side data it carries); returns where it ended. */
  readFrom(data: Int32Array, at: number): number;
  /** Starts building a successor: side data (such as recorded faults) restarts from the loaded state's. */
  begin(): void;
  /** Appends the canonical encoding of the shared part of `a` (with the side data of the state built). */
  writeTo(out: IntSink): void;
}
