/**
 * The variables of a kernel state as ITF and the HTML report show them: the model's named view
 * (`describe`), plus `threads`, where each thread stands (the function of its next step, or
 * `done`); a model file's trace names that variable in its `#meta` (none for a model without
 * threads). Replay compares exactly these.
 */
import type { KernelModel, KernelModelState } from '../../properties/buildKernelModel.js';

/** The variable that holds every thread's location. */
export const THREADS_VAR = 'threads';

/**
 * The name of the thread-locations variable beside view fields named `fields`: `threads`, or, when
 * the model has a field of that name (a model file's view may), `mmucheck.threads` (then
 * `mmucheck.threads2`, …), so that neither hides the other.
 */
export function threadsVarBeside(fields: Iterable<string>): string {
  const taken = new Set(fields);
  const nth = (n: number) => (n === 0 ? THREADS_VAR : `mmucheck.${THREADS_VAR}${n === 1 ? '' : n}`);
  let n = 0;
  while (taken.has(nth(n))) n++;
  return nth(n);
}

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
