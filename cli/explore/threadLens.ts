/**
 * The threads of a program model (the kernel model and the program kit's models of model files):
 * their names and CPUs, whether one has finished, and the function it stands in. A model of
 * another kind has no threads; the explorer then lists its actions by the thread their
 * `actionView` names, without saying why a thread cannot move. Recognised by shape, since a model
 * file's model may come from another copy of the program kit's modules.
 */
import type { ActionView } from '../../model/ActionView.js';
import type { ThreadSpec } from '../../model/program/ThreadSpec.js';

/** What the explorer reads of a program model's threads. */
export interface ThreadLens {
  readonly threads: readonly ThreadSpec[];
  finished(state: unknown, tid: number): boolean;
  location(state: unknown, tid: number): string;
  /** The statements the thread stands at, enabled or not (empty when the model cannot say). */
  pendingSteps(state: unknown, tid: number): readonly ActionView[];
}

/** The program model's threads, or undefined for a model without them. */
export function threadLensOf(model: object): ThreadLens | undefined {
  const m = model as {
    spec?: { threads?: unknown };
    finished?: unknown;
    location?: unknown;
    pendingSteps?: unknown;
  };
  const threads = m.spec?.threads;
  if (!Array.isArray(threads) || typeof m.finished !== 'function' || typeof m.location !== 'function') return undefined;
  if (!threads.every((t) => typeof (t as { name?: unknown })?.name === 'string')) return undefined;
  const finished = m.finished as (state: unknown, tid: number) => boolean;
  const location = m.location as (state: unknown, tid: number) => string;
  const pending =
    typeof m.pendingSteps === 'function'
      ? (m.pendingSteps as (state: unknown, tid: number) => ActionView[])
      : undefined;
  return {
    threads: threads as ThreadSpec[],
    finished: (state, tid) => finished.call(model, state, tid),
    location: (state, tid) => location.call(model, state, tid),
    pendingSteps: (state, tid) => pending?.call(model, state, tid) ?? [],
  };
}
