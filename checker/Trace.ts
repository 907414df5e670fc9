/** A counterexample or witness: an initial state and the steps taken from it. */

/** One step of a trace: the action taken and the state it led to. */
export interface TraceStep<S, A> {
  readonly action: A;
  readonly state: S;
}

/** A path through the state space; its length is the number of steps. */
export interface Trace<S, A> {
  readonly initial: S;
  readonly steps: readonly TraceStep<S, A>[];
}
