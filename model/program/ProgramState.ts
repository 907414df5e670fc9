/** The state of a program model: the shared variables and, per thread, its stack of frames. */
import { List, Record, type RecordOf } from 'immutable';
import type { Frame } from './Frame.js';

/** A thread's call stack, innermost frame last; empty once the thread has finished. */
export type Stack = List<Frame>;

/** The fields of a program state. */
export interface ProgramStateProps<G> {
  readonly shared: G;
  readonly threads: List<Stack>;
}

/** An immutable program state. */
export type ProgramState<G> = RecordOf<ProgramStateProps<G>>;

const factory = Record<ProgramStateProps<unknown>>({ shared: undefined, threads: List() }, 'ProgramState');

/** Builds a program state. */
export function makeProgramState<G>(shared: G, threads: List<Stack>): ProgramState<G> {
  return factory({ shared, threads }) as ProgramState<G>;
}
