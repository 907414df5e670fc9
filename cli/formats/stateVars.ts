/**
 * The variables of a kernel state as ITF and the HTML report show them: the model's named view
 * (`describe`), plus `threads`, where each thread stands (the function of its next step, or
 * `done`). Replay compares exactly these.
 */
import type { KernelModel, KernelModelState } from '../../properties/buildKernelModel.js';

/** The variable that holds every thread's location. */
export const THREADS_VAR = 'threads';

/** A state's variables: view fields, then thread locations. */
export interface StateVars {
  readonly view: Readonly<Record<string, string | number | boolean>>;
  readonly threads: Readonly<Record<string, string>>;
}

/** Where each thread of `model` stands in `state`. */
export function threadLocations(model: KernelModel, state: KernelModelState): Record<string, string> {
  const out: Record<string, string> = {};
  model.spec.threads.forEach((t, tid) => {
    out[t.name] = model.finished(state, tid) ? 'done' : model.location(state, tid);
  });
  return out;
}

/** The variables of `state`. */
export function stateVars(model: KernelModel, state: KernelModelState): StateVars {
  return { view: model.describe(state), threads: threadLocations(model, state) };
}
