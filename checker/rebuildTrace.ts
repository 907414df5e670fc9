/**
 * Rebuilds the trace to a stored state by walking its links back to a root and replaying forward,
 * re-fingerprinting every state on the way: a replayed state that the search never stored, or a
 * last state other than the one the trace was asked for, means the model's `actions()` or
 * `nextState()` are not deterministic.
 */
import type { Model } from '../model/Model.js';
import { FingerprintHasher, type Encoder } from './fingerprint.js';
import { ReplayError, replay } from './replay.js';
import type { SeenSet, TraceLinks } from './Stores.js';
import type { Trace } from './Trace.js';
import { concreteTrace } from './concreteTrace.js';

/** The stores and encoding a search used, needed to rebuild and verify its traces. */
export interface TraceSource<S> {
  readonly encode: Encoder<S>;
  readonly seen: Pick<SeenSet, 'has'>;
  readonly links: TraceLinks;
  /** With symmetry reduction: the state the search stored for a state (its representative). */
  readonly stored?: ((state: S) => S) | undefined;
}

/**
 * The verified trace to state `id`; throws ReplayError at the first step that disagrees with the
 * search. `target`, when the caller holds it, is the state the search stored as `id`: the trace
 * must end in a state with its fingerprint.
 */
export function rebuildTrace<S, A>(model: Model<S, A>, source: TraceSource<S>, id: number, target?: S): Trace<S, A> {
  const { initialIndex, actionIndices } = source.links.rebuild(id);
  if (source.stored) {
    const path = { encode: source.encode, seen: source.seen, stored: source.stored };
    return concreteTrace(model, path, initialIndex, actionIndices, target);
  }
  const hasher = new FingerprintHasher();
  const fingerprintOf = (state: S): void => {
    hasher.reset();
    source.encode(state, hasher);
    hasher.finish();
  };
  let targetHi = 0;
  let targetLo = 0;
  if (target !== undefined) {
    fingerprintOf(target);
    ({ hi: targetHi, lo: targetLo } = hasher);
  }
  const last = actionIndices.length - 1;
  return replay(model, initialIndex, actionIndices, (state, stepIndex) => {
    fingerprintOf(state);
    const stored = source.seen.has(hasher.hi, hasher.lo);
    if (stored && (target === undefined || stepIndex < last || (hasher.hi === targetHi && hasher.lo === targetLo)))
      return;
    const where =
      stepIndex < 0 ? `initial state ${initialIndex}` : `step ${stepIndex + 1} (action ${actionIndices[stepIndex]})`;
    throw new ReplayError(stepIndex, `${where} reached a different state than during the search`);
  });
}
