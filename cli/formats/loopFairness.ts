/**
 * Whether a replayed lasso's loop is weakly fair: a run that repeats the loop forever takes every
 * group of actions (a thread) that stays enabled. Each group must take a step in the loop, or be
 * disabled at one of its states; a group that is enabled at every loop state and never moves is
 * starved by the loop, and the run is not one that weak fairness admits. Replay can judge this from
 * the trace alone: the loop's states are all there, with what each enables.
 */
import type { Model } from '../../model/Model.js';
import type { Trace } from '../../checker/Trace.js';

/** The loop's fairness: the groups it starves (enabled at every loop state, never moving); none when it is weakly fair. */
export interface LoopFairness {
  readonly starved: readonly string[];
}

/** The weak fairness of `trace`'s loop; undefined when the trace is no lasso or the model has no groups of actions. */
export function loopFairness<S, A>(model: Model<S, A>, trace: Trace<S, A>): LoopFairness | undefined {
  const start = trace.cycleStart;
  const groups = model.fairnessGroups?.();
  const groupOf = model.fairnessGroup?.bind(model);
  if (start === undefined || groups === undefined || groupOf === undefined) return undefined;
  const states = [trace.initial, ...trace.steps.map((s) => s.state)];
  // the loop's states: the one it starts at, and the one after each of its steps but the last (the start again)
  const loopStates = states.slice(start, -1);
  const moved = new Set(trace.steps.slice(start).map((s, i) => groupOf(loopStates[i]!, s.action)));
  const enabledEverywhere = groups.map((_, g) =>
    loopStates.every((state) => model.actions(state).some((a) => groupOf(state, a) === g)),
  );
  return { starved: groups.filter((_, g) => enabledEverywhere[g] && !moved.has(g)) };
}

/** The loop's fairness in words, for the replay report. */
export function loopFairnessLine(fairness: LoopFairness): string {
  if (fairness.starved.length === 0)
    return 'the loop is weakly fair: every thread moves in it or is disabled at one of its states';
  const who = fairness.starved.join(', ');
  return `the loop is not weakly fair: ${who} ${fairness.starved.length === 1 ? 'is' : 'are'} enabled at every state of the loop and never ${fairness.starved.length === 1 ? 'moves' : 'move'} (a run under weak fairness would take ${fairness.starved.length === 1 ? 'it' : 'them'})`;
}
