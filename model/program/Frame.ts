/**
 * One activation of a procedure on a thread's stack, and how frames and stacks are laid out as
 * integers. This file is the only place that knows the layout: every reader and writer of a frame
 * code or of a stack goes through the functions here, so the bit positions are written once.
 *
 * A frame is two integers: a code holding procedure, position and argument, and the local variable.
 * A stack is its frames' integers, outermost first (code, local, code, local, …), so it encodes and
 * hashes without walking records. It is held in three forms that share that order: an Immutable List
 * in a `ProgramState`, the size-prefixed run of a canonical encoding (`programCodec.ts`), and a
 * thread's region of an interpreter's state array (frame count first, see `frameSlot`).
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

/** A frame an interpreter reuses, refreshed in place by `decodeFrame` (no allocation per step). */
export type LiveFrame = { -readonly [K in keyof Frame]: Frame[K] };

// The code's bit fields, lowest first: procedure, position, then argument + 1 (so that -1, "none", is 0).
const PROC_BITS = 10;
const PC_BITS = 8;
const ARG_BITS = 8;
const PC_SHIFT = PROC_BITS;
const ARG_SHIFT = PROC_BITS + PC_BITS;
const PROC_MASK = (1 << PROC_BITS) - 1;
const PC_MASK = (1 << PC_BITS) - 1;

/** Limits of the packed form: procedures, positions per procedure, argument values. */
export const FRAME_LIMITS = { procs: 1 << PROC_BITS, positions: 1 << PC_BITS, argMax: (1 << ARG_BITS) - 2 } as const;

/** The first of a frame's two numbers: procedure, position and argument in 26 bits. */
export function frameCode(proc: number, pc: number, arg: number): number {
  if (proc >= FRAME_LIMITS.procs || pc >= FRAME_LIMITS.positions || arg < -1 || arg > FRAME_LIMITS.argMax) {
    throw new RangeError(`frame out of range: procedure ${proc}, position ${pc}, argument ${arg}`);
  }
  return proc | (pc << PC_SHIFT) | ((arg + 1) << ARG_SHIFT);
}

/** Reads the frame whose code and local are given into `f`, and returns it. */
export function decodeFrame(f: LiveFrame, code: number, local: number): LiveFrame {
  f.proc = code & PROC_MASK;
  f.pc = (code >>> PC_SHIFT) & PC_MASK;
  f.arg = (code >>> ARG_SHIFT) - 1;
  f.local = local;
  return f;
}

/** Reads the frame whose code and local are given, as a new value. */
export function unpackFrame(code: number, local: number): Frame {
  return decodeFrame({ proc: 0, pc: 0, arg: -1, local: 0 }, code, local);
}

/** Integers a thread's region of a state array takes when it holds up to `maxFrames` frames. */
export function stackStride(maxFrames: number): number {
  return 1 + 2 * maxFrames;
}

/**
 * Where, in the thread's region starting at `base`, frame `i` (0 is the outermost) keeps its code;
 * its local follows. The region's first integer is the frame count.
 */
export function frameSlot(base: number, i: number): number {
  return base + 1 + 2 * i;
}
