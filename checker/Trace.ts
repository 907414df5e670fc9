/** A counterexample or witness: an initial state and the steps taken from it. */

/** One step of a trace: the action taken and the state it led to. */
export interface TraceStep<S, A> {
  readonly action: A;
  readonly state: S;
}

/**
 * A path through the state space; its length is the number of steps. A lasso (a liveness
 * counterexample that runs forever) has `cycleStart`: the index of the state (0 the initial, i the
 * one after step i) where the loop begins; the last state is that state again, so the steps after
 * it repeat forever.
 */
export interface Trace<S, A> {
  readonly initial: S;
  readonly steps: readonly TraceStep<S, A>[];
  readonly cycleStart?: number;
}
