/**
 * Where a check runs, decided in one place: on this thread, or on parallel workers, and why a
 * request for workers falls back to one thread. What each search expands its states with is
 * `searchFormOf`'s decision, which every search (and every worker) asks.
 */
import type { Model } from '../../model/Model.js';
import type { CheckOptions } from '../CheckOptions.js';
import { hasValidProperties } from '../modelContract.js';
import type { ModelSource } from '../parallel/ModelSource.js';
import { needsStateGraph } from '../liveness/needsStateGraph.js';

/** How a check runs: `why` says, for a run on one thread that asked for more, why it is one. */
export type SearchPlan = { readonly threads: 'one'; readonly why?: string } | { readonly threads: 'workers' };

/** The plan for checking `model` with `workers` threads (`source` rebuilds it in a worker). */
export function planSearch(
  model: Model<unknown, unknown>,
  source: ModelSource | undefined,
  options: Pick<CheckOptions, 'exact'>,
  workers: number,
): SearchPlan {
  if (workers <= 1) return { threads: 'one' };
  if (options.exact === true)
    return { threads: 'one', why: 'exact mode keeps full encodings, and workers share fingerprints only' };
  const why = singleThreadReason(model, source);
  return why === undefined ? { threads: 'workers' } : { threads: 'one', why };
}

/** Why a model runs on one thread even when more workers were asked for, or undefined if it need not. */
export function singleThreadReason(
  model: Model<unknown, unknown>,
  source: ModelSource | undefined,
): string | undefined {
  if (!source) return 'the model cannot be rebuilt in a worker thread';
  if (!model.decode || !model.encode) return 'the model has no decode(), so its states cannot cross threads';
  if (!hasValidProperties(model)) return 'properties() breaks the model contract, which the one-thread search reports';
  if (model.properties().some((p) => p.kind === 'sometimes'))
    return 'the parallel search does not check sometimes properties yet';
  if (needsStateGraph(model))
    return 'liveness properties are judged on the state graph, which the search records on one thread';
  return undefined;
}
