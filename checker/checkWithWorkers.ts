/**
 * The checker's entry point for a chosen number of worker threads: one worker runs the sequential
 * explorer in this thread; more run the parallel explorer, which gives the same results. Models
 * that cannot cross threads (no `decode`, no way to rebuild them in a worker) or that use
 * `sometimes`/`eventually` properties run on one thread, and so does exact mode (the parallel
 * explorer's shared seen set holds fingerprints only).
 */
import type { Model } from '../model/Model.js';
import { check } from './check.js';
import type { CheckOptions } from './CheckOptions.js';
import { makeStats, withElapsed } from './makeStats.js';
import { modelErrorOutcome } from './modelErrorOutcome.js';
import type { Outcome } from './Outcome.js';
import { ParallelExplorer } from './parallel/ParallelExplorer.js';
import type { ModelSource } from './parallel/ModelSource.js';
import { WorkerFailure } from './parallel/SearchWorkers.js';
import { resolveOptions } from './resolveOptions.js';

/** Why a model runs on one thread even when more workers were asked for, or undefined if it need not. */
export function singleThreadReason(model: Model<unknown, unknown>, source: ModelSource | undefined): string | undefined {
  if (!source) return 'the model cannot be rebuilt in a worker thread';
  if (!model.decode || !model.encode) return 'the model has no decode(), so its states cannot cross threads';
  if (model.properties().some((p) => p.kind === 'sometimes' || p.kind === 'eventually')) return 'the parallel search does not check sometimes/eventually properties yet';
  return undefined;
}

/** How a multi-worker check runs. */
export interface WorkerOptions {
  readonly workers?: number;
  /**
   * With more than one worker: search on this thread first, bounded at this many states. A search
   * that ends within the bound is the answer (the workers would give exactly the same); otherwise
   * the workers search from the start. Small models then pay no worker start-up. Default 0: none.
   */
  readonly sequentialFirst?: number;
}

/** Checks `model` with `workers` threads (`source` rebuilds it in each worker). */
export async function checkWithWorkers<S, A>(
  model: Model<S, A>,
  source: ModelSource | undefined,
  options: Partial<CheckOptions> & WorkerOptions = {},
): Promise<Outcome<S, A>> {
  const workers = options.workers ?? 1;
  const resolved = resolveOptions(options);
  if (workers <= 1 || resolved.exact === true || singleThreadReason(model as Model<unknown, unknown>, source) !== undefined) return check(model, resolved);
  const first = options.sequentialFirst ?? 0;
  const bounded = first > 0 ? check(model, { ...resolved, maxStates: Math.min(first, resolved.maxStates) }) : undefined;
  if (bounded && !(bounded.kind === 'incomplete' && bounded.reason === 'maxStates' && first < resolved.maxStates)) return bounded;
  const spent = bounded?.stats.elapsedMs ?? 0;
  try {
    const outcome = await new ParallelExplorer(model, source!, { ...resolved, timeoutMs: resolved.timeoutMs - spent }, workers).run();
    return spent === 0 ? outcome : { ...outcome, stats: withElapsed(outcome.stats, outcome.stats.elapsedMs + spent) };
  } catch (e) {
    if (!(e instanceof WorkerFailure)) throw e;
    const stats = makeStats({ generated: 0, distinct: 0, depth: 0, queue: 0, elapsedMs: 0, storeBytes: 0 });
    return modelErrorOutcome<S, A>(e, stats, undefined, undefined);
  }
}
