/**
 * One activation of a procedure on a thread's stack. In the state a frame is two small integers
 * (a code holding procedure, position and argument, and the local variable), so a stack is an
 * Immutable List of numbers that encodes and hashes without walking records.
 */

/** A frame as steps and guards see it. */
export interface Frame {
  /** Index of the procedure in the program's procedure table. */
  readonly proc: number;
  /** Index of the next position to run in the procedure's body. */
  readonly pc: number;
  /** The argument the procedure was called with (a listener index, a queue, or -1). */
  readonly arg: number;
  /** One local variable: a list cursor, a lock index, a snapshot bitmask. */
  readonly local: number;
}

/** Limits of the packed form: procedures, positions per procedure, argument values. */
export const FRAME_LIMITS = { procs: 1024, positions: 256, argMax: 254 } as const;

/** The first of a frame's two numbers: procedure, position and argument in 26 bits. */
export function frameCode(proc: number, pc: number, arg: number): number {
  if (proc >= FRAME_LIMITS.procs || pc >= FRAME_LIMITS.positions || arg < -1 || arg > FRAME_LIMITS.argMax) {
    throw new RangeError(`frame out of range: procedure ${proc}, position ${pc}, argument ${arg}`);
  }
  return proc | (pc << 10) | ((arg + 1) << 18);
}

/** Reads the frame whose code and local are given. */
export function unpackFrame(code: number, local: number): Frame {
  return { proc: code & 1023, pc: (code >>> 10) & 255, arg: (code >>> 18) - 1, local };
}
