/** Turns an exception thrown by the model, or a failed replay, into a `modelError` outcome. */
import type { Stats } from './Stats.js';
import type { ModelErrorOutcome } from './Outcome.js';
import { ReplayError } from './replay.js';
import type { Trace } from './Trace.js';

/** Says that a replay diverged from the search: the model broke the determinism its contract promises. */
export function nondeterminismMessage(error: ReplayError): string {
  return (
    `the model is not deterministic: replaying the trace, ${error.message}; ` +
    'actions() must list the same actions in the same order for equal states, and nextState() must be pure'
  );
}

/** The outcome for `error`, with the action being taken and, when `traceTo` can rebuild it, the trace to the state involved. */
export function modelErrorOutcome<S, A>(
  error: unknown,
  stats: Stats,
  action: A | undefined,
  traceTo: (() => Trace<S, A>) | undefined,
): ModelErrorOutcome<S, A> {
  const cause = error instanceof Error ? error : new Error(String(error));
  const replayFailed = cause instanceof ReplayError;
  const trace = replayFailed || traceTo === undefined ? undefined : tryRebuild(traceTo);
  return {
    kind: 'modelError',
    message: replayFailed ? nondeterminismMessage(cause) : cause.message,
    ...(cause.stack !== undefined && { stack: cause.stack }),
    ...(trace !== undefined && { trace }),
    ...(action !== undefined && { action }),
    stats,
  };
}

function tryRebuild<S, A>(traceTo: () => Trace<S, A>): Trace<S, A> | undefined {
  try {
    return traceTo();
  } catch {
    return undefined; // the error being reported matters more than its trace
  }
}
