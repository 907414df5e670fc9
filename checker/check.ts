/** The checker's entry point: a breadth-first search of a model on this thread, with in-memory stores. */
import type { Model } from '../model/Model.js';
import type { CheckOptions } from './CheckOptions.js';
import type { Stats } from './Stats.js';
import { ExactSeenSet } from './ExactSeenSet.js';
import { Explorer } from './Explorer.js';
import { FingerprintSet } from './FingerprintSet.js';
import type { Outcome } from './Outcome.js';
import { resolveOptions } from './resolveOptions.js';
import { searchFormOf } from './search/SearchForm.js';
import { TraceStore } from './TraceStore.js';
import { IndexedFingerprintSet } from './liveness/IndexedFingerprintSet.js';
import { needsStateGraph } from './liveness/needsStateGraph.js';

/** Explores every state of `model` reachable within the bounds and says whether its properties hold. */
export function check<S, A>(model: Model<S, A>, options?: Partial<CheckOptions>): Outcome<S, A> {
  const resolved = resolveOptions(options);
  if (resolved.exact === true) return checkExact(model, resolved);
  const seen = needsStateGraph(model) ? new IndexedFingerprintSet() : new FingerprintSet();
  const stores = { seen, links: new TraceStore() };
  return new Explorer(model, resolved, stores, searchFormOf(model, resolved.symmetry)).run();
}

// Exact mode: the same search over a seen set of full encodings; no state can be lost to a
// collision, so the statistics say so (collision probability 0, `exact`).
function checkExact<S, A>(model: Model<S, A>, options: CheckOptions): Outcome<S, A> {
  const onProgress = options.onProgress;
  const exactOptions =
    onProgress === undefined ? options : { ...options, onProgress: (s: Stats) => onProgress(exactStats(s)) };
  const stores = { seen: new ExactSeenSet(), links: new TraceStore() };
  const outcome = new Explorer(model, exactOptions, stores, searchFormOf(model, options.symmetry)).run();
  return { ...outcome, stats: exactStats(outcome.stats) };
}

function exactStats(stats: Stats): Stats {
  return { ...stats, collisionProbability: 0, exact: true };
}
