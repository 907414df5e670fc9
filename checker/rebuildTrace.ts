/**
 * Rebuilds the trace to a stored state by walking its links back to a root and replaying forward,
 * re-fingerprinting every state on the way: a state that no longer maps to the id recorded during
 * the search means the model's `actions()` or `nextState()` are not deterministic.
 */
import type { Model } from '../model/Model.js';
import { FingerprintHasher, type Encoder } from './fingerprint.js';
import { ReplayError, replay } from './replay.js';
import type { SeenSet, TraceLinks } from './Stores.js';
import type { Trace } from './Trace.js';

/** The stores and encoding a search used, needed to rebuild and verify its traces. */
export interface TraceSource<S> {
  readonly encode: Encoder<S>;
  readonly seen: Pick<SeenSet, 'find'>;
  readonly links: TraceLinks;
}

/** The verified trace to state `id`; throws ReplayError at the first step that disagrees with the search. */
export function rebuildTrace<S, A>(model: Model<S, A>, source: TraceSource<S>, id: number): Trace<S, A> {
  const { initialIndex, actionIndices, stateIds } = source.links.rebuild(id);
  const hasher = new FingerprintHasher();
  return replay(model, initialIndex, actionIndices, (state, stepIndex) => {
    hasher.reset();
    source.encode(state, hasher);
    hasher.finish();
    if (source.seen.find(hasher.hi, hasher.lo) !== stateIds[stepIndex + 1]) {
      const where = stepIndex < 0 ? `initial state ${initialIndex}` : `step ${stepIndex + 1} (action ${actionIndices[stepIndex]})`;
      throw new ReplayError(stepIndex, `${where} reached a different state than during the search`);
    }
  });
}
