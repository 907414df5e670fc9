/**
 * Rebuilds a concrete trace from a search with symmetry reduction. The search stored each state as
 * its orbit's representative, and the trace links give, for each, the index of the action taken in
 * the stored parent: replayed as they are, they would jump between representatives, which is no
 * run of the model. So the path of representatives is recomputed (each checked to have been
 * stored), and beside it a concrete run: from the model's own initial state, each step takes the
 * first action whose successor has the same representative as the next stored state. Renamed
 * states have renamed actions, so such an action exists, and the concrete run is as long as the
 * stored path: still shortest, made of steps of real threads, replayable on the model.
 */
import type { Model } from '../model/Model.js';
import { FingerprintHasher, type Encoder } from './fingerprint.js';
import { ReplayError } from './replay.js';
import type { SeenSet } from './Stores.js';
import type { Trace, TraceStep } from './Trace.js';

/** What rebuilding a concrete trace needs of the search: its stores, encoding and representatives. */
export interface ReducedPath<S> {
  readonly encode: Encoder<S>;
  readonly seen: Pick<SeenSet, 'has'>;
  /** The state the search stored for a state: its representative. */
  readonly stored: (state: S) => S;
}

/**
 * The concrete trace along the stored path `initialIndex`, `actionIndices`; `target`, when given,
 * is the stored last state. Throws ReplayError where the path disagrees with the search.
 */
export function concreteTrace<S, A>(
  model: Model<S, A>,
  path: ReducedPath<S>,
  initialIndex: number,
  actionIndices: readonly number[],
  target?: S,
): Trace<S, A> {
  const hasher = new FingerprintHasher();
  const fingerprint = (state: S): { hi: number; lo: number } => {
    hasher.reset();
    path.encode(state, hasher);
    hasher.finish();
    return { hi: hasher.hi, lo: hasher.lo };
  };
  const mustBeStored = (state: S, stepIndex: number): { hi: number; lo: number } => {
    const fp = fingerprint(state);
    if (path.seen.has(fp.hi, fp.lo)) return fp;
    const where =
      stepIndex < 0 ? `initial state ${initialIndex}` : `step ${stepIndex + 1} (action ${actionIndices[stepIndex]})`;
    throw new ReplayError(stepIndex, `${where} reached a different state than during the search`);
  };
  const initStates = model.initStates();
  if (!Number.isInteger(initialIndex) || initialIndex < 0 || initialIndex >= initStates.length)
    throw new ReplayError(-1, `initial state ${initialIndex} does not exist (the model has ${initStates.length})`);
  const initial = initStates[initialIndex] as S;
  let stored = path.stored(initial);
  mustBeStored(stored, -1);
  let state = initial;
  const steps: TraceStep<S, A>[] = [];
  for (let stepIndex = 0; stepIndex < actionIndices.length; stepIndex++) {
    const k = actionIndices[stepIndex] as number;
    const storedActions = model.actions(stored);
    if (!Number.isInteger(k) || k < 0 || k >= storedActions.length)
      throw new ReplayError(
        stepIndex,
        `step ${stepIndex + 1}: action ${k} does not exist (${storedActions.length} enabled)`,
      );
    const next = path.stored(model.nextState(stored, storedActions[k] as A));
    const want = mustBeStored(next, stepIndex);
    const step = concreteStep(model, path, state, want, fingerprint);
    if (step === undefined)
      throw new ReplayError(
        stepIndex,
        `step ${stepIndex + 1}: no action of the concrete state leads to the stored state; ` +
          'symmetry().representative must give one state for a whole orbit, and renamed states must have renamed actions',
      );
    steps.push(step);
    state = step.state;
    stored = next;
  }
  if (target !== undefined) {
    const last = fingerprint(stored);
    const want = fingerprint(target);
    if (last.hi !== want.hi || last.lo !== want.lo)
      throw new ReplayError(actionIndices.length - 1, 'the trace ends in a different state than the search stored');
  }
  return { initial, steps };
}

/** The first step from `state` whose successor's representative has the fingerprint `want`. */
function concreteStep<S, A>(
  model: Model<S, A>,
  path: ReducedPath<S>,
  state: S,
  want: { hi: number; lo: number },
  fingerprint: (state: S) => { hi: number; lo: number },
): TraceStep<S, A> | undefined {
  for (const action of model.actions(state)) {
    const next = model.nextState(state, action);
    const fp = fingerprint(path.stored(next));
    if (fp.hi === want.hi && fp.lo === want.lo) return { action, state: next };
  }
  return undefined;
}
