/**
 * Rebuilds a trace from indices: the search stores only action indices, so a counterexample is
 * recomputed by taking, from an initial state, the given index into `actions()` at each step.
 */
import type { Model } from '../model/Model.js';
import type { Trace, TraceStep } from './Trace.js';

/** A trace that cannot be replayed: `stepIndex` is the position in the action indices, -1 for the initial state. */
export class ReplayError extends Error {
  override readonly name = 'ReplayError';

  constructor(
    readonly stepIndex: number,
    message: string,
  ) {
    super(message);
  }
}

/** Called with each replayed state: -1 for the initial state, else the step that produced it. */
export type ReplayObserver<S> = (state: S, stepIndex: number) => void;

/** Replays `actionIndices` from `initStates()[initialIndex]`; throws ReplayError on an index out of range. */
export function replay<S, A>(
  model: Model<S, A>,
  initialIndex: number,
  actionIndices: readonly number[],
  observe?: ReplayObserver<S>,
): Trace<S, A> {
  const initStates = model.initStates();
  if (!isIndexIn(initialIndex, initStates.length)) {
    throw new ReplayError(-1, `initial state ${initialIndex} does not exist (the model has ${initStates.length})`);
  }
  const initial = initStates[initialIndex] as S;
  observe?.(initial, -1);
  const steps: TraceStep<S, A>[] = [];
  let state = initial;
  for (let stepIndex = 0; stepIndex < actionIndices.length; stepIndex++) {
    const actionIndex = actionIndices[stepIndex] as number;
    const actions = model.actions(state);
    if (!isIndexIn(actionIndex, actions.length)) {
      throw new ReplayError(
        stepIndex,
        `step ${stepIndex + 1}: action ${actionIndex} does not exist (${actions.length} enabled)`,
      );
    }
    const action = actions[actionIndex] as A;
    state = model.nextState(state, action);
    observe?.(state, stepIndex);
    steps.push({ action, state });
  }
  return { initial, steps };
}

function isIndexIn(index: number, length: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < length;
}
