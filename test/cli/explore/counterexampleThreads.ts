/** The threads that take the steps of the checker's counterexample of lazy-with-reader, in order: what a student clicks. */
import { runOf } from '../formats/runs.js';

export function counterexampleThreads(): string[] {
  const run = runOf('lazy-with-reader');
  if (run.outcome.kind !== 'violation') throw new Error('lazy-with-reader must be violated');
  let state = run.outcome.trace.initial;
  return run.outcome.trace.steps.map((s) => {
    const thread = run.model.actionView(state, s.action).thread;
    state = s.state;
    return thread;
  });
}
