/**
 * Replays a path (an initial-state index and action indices) on the model, checking each index
 * against the actions enabled where it is taken: a path the model does not allow is bad input,
 * never a step taken anyway. The last replay is kept, so that a request one step further or back
 * replays only what changed (models are deterministic: the same path gives the same states).
 */
import type { Model } from '../../model/Model.js';

/** A path that names an initial state or an action the model does not have there. */
export class PathError extends Error {}

/** The states along a path: `states[0]` the initial state, `states[i]` the state after step i. */
export interface Replayed {
  readonly init: number;
  readonly path: readonly number[];
  readonly states: readonly unknown[];
  /** `actions[i]` the actions enabled at `states[i]` (one more entry than the path has steps). */
  readonly actions: readonly (readonly unknown[])[];
}

/** Replays paths of one model, reusing the longest prefix of the previous replay. */
export class PathReplayer {
  private last: Replayed | undefined;

  constructor(private readonly model: Model<unknown, unknown>) {}

  replay(init: number, path: readonly number[]): Replayed {
    const initials = this.model.initStates();
    if (init >= initials.length)
      throw new PathError(
        `the model has ${initials.length} initial state${initials.length === 1 ? '' : 's'}, not ${init + 1}`,
      );
    const states: unknown[] = [initials[init]];
    const actions: (readonly unknown[])[] = [this.model.actions(initials[init])];
    const last = this.last;
    if (last !== undefined && last.init === init) {
      let k = 0;
      while (k < path.length && k < last.path.length && path[k] === last.path[k]) k++;
      states.splice(0, 1, ...last.states.slice(0, k + 1));
      actions.splice(0, 1, ...last.actions.slice(0, k + 1));
    }
    for (let i = states.length - 1; i < path.length; i++) {
      const enabled = actions[i]!;
      const index = path[i]!;
      if (index >= enabled.length)
        throw new PathError(
          `step ${i + 1} takes action ${index}, but ${enabled.length === 0 ? 'no action is' : `only ${enabled.length} (0–${enabled.length - 1}) are`} enabled there`,
        );
      const next = this.model.nextState(states[i], enabled[index]);
      states.push(next);
      actions.push(this.model.actions(next));
    }
    this.last = { init, path: [...path], states, actions };
    return this.last;
  }
}
