/** The state of a program model: the shared variables and, per thread, its stack of frames. */
import { List, Record, type RecordOf } from 'immutable';

/**
 * A thread's call stack as numbers, two per frame (code, local), innermost frame last; empty once
 * the thread has finished. See Frame.ts for the packing.
 */
export type Stack = List<number>;

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
