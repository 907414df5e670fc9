/** One activation of a procedure on a thread's stack: where it is and the two small values it keeps. */
import { Record, type RecordOf } from 'immutable';

/** The fields of a frame; all small integers so that a stack encodes as a few ints. */
export interface FrameProps {
  /** Index of the procedure in the program's procedure table. */
  readonly proc: number;
  /** Index of the next position to run in the procedure's body. */
  readonly pc: number;
  /** The argument the procedure was called with (a listener index, a queue, or -1). */
  readonly arg: number;
  /** One local variable: a list cursor, a lock index, a snapshot bitmask. */
  readonly local: number;
}

/** An immutable frame value. */
export type Frame = RecordOf<FrameProps>;

/** Builds a frame. */
export const makeFrame = Record<FrameProps>({ proc: 0, pc: 0, arg: -1, local: 0 }, 'Frame');
