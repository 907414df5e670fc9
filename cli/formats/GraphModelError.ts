/**
 * A model method that threw while `--format dot --graph` explored the state graph: a model error
 * (exit 4), not an internal one. The run reports it as the check reports a step that throws: the
 * message, the step being taken and the trace to the state it was taken in.
 */
import type { ModelErrorOutcome } from '../../checker/Outcome.js';
import type { Stats } from '../../checker/Stats.js';
import type { Trace } from '../../checker/Trace.js';

export class GraphModelError extends Error {
  override readonly name = 'GraphModelError';

  constructor(
    readonly original: Error,
    /** The trace to the state being drawn when the model threw. */
    readonly trace: Trace<unknown, unknown> | undefined,
    /** The step being taken, if the model threw in one. */
    readonly action: unknown,
  ) {
    super(`drawing the state graph (--graph), beyond the states the check explored: ${original.message}`, {
      cause: original,
    });
    if (original.stack !== undefined) this.stack = `${this.message}\n${original.stack.split('\n').slice(1).join('\n')}`;
  }

  /** The model-error outcome of the run, with the statistics of the check that came before the drawing. */
  outcome(stats: Stats): ModelErrorOutcome<unknown, unknown> {
    return {
      kind: 'modelError',
      message: this.message,
      ...(this.stack !== undefined && { stack: this.stack }),
      ...(this.trace !== undefined && { trace: this.trace }),
      ...(this.action !== undefined && { action: this.action }),
      stats,
    };
  }
}
