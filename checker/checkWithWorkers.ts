/**
 * The checker's entry point for a chosen number of worker threads: one runs the one-thread
 * explorer here; more run the parallel explorer, which gives the same results. `planSearch`
 * decides when a request for workers runs on one thread all the same (exact mode, a model that
 * cannot cross threads, `sometimes`/`eventually` properties).
 */
import type { Model } from '../model/Model.js';
import { check } from './check.js';
import type { CheckOptions } from './CheckOptions.js';
import { makeStats } from './makeStats.js';
import { modelErrorOutcome } from './modelErrorOutcome.js';
import type { Outcome } from './Outcome.js';
import { FingerprintSet } from './FingerprintSet.js';
import { isHandoff } from './LevelHandoff.js';
import { Explorer } from './Explorer.js';
import { searchFormOf } from './search/SearchForm.js';
import { ParallelExplorer } from './parallel/ParallelExplorer.js';
import type { HandedSearch } from './parallel/firstLevel.js';
import { TraceStore } from './TraceStore.js';
import type { ModelSource } from './parallel/ModelSource.js';
import { WorkerFailure } from './parallel/SearchWorkers.js';
import { resolveOptions } from './resolveOptions.js';
import { ModelContractError } from './modelContract.js';
import { planSearch } from './search/planSearch.js';
import { CoverageTally } from './StatementCoverage.js';
import type { LevelCheckpoints } from './checkpoint/RunState.js';
import type { LoadedRunState } from './checkpoint/checkpointFormat.js';
import { resumeStores } from './checkpoint/resumeStores.js';

export { singleThreadReason } from './search/planSearch.js';

/** How a multi-worker check runs. */
export interface WorkerOptions {
  readonly workers?: number;
  /**
   * With more than one worker: search on this thread first, up to the first level that ends with
   * this many states stored. A search that ends sooner is the answer (the workers would give
   * exactly the same), and small models pay no worker start-up. Otherwise the workers go on from
   * that level, or, for a model without a packed form, search again from the start with the state
   * bound as the limit. Default 0: none.
   */
  readonly sequentialFirst?: number;
  /** Where the run state goes at level boundaries and when the run stops short (a model with a packed form, not exact). */
  readonly checkpoints?: LevelCheckpoints;
  /** A saved run state (a checkpoint's) to go on from instead of the initial states. */
  readonly resumeFrom?: LoadedRunState;
}

/** Checks `model` with `workers` threads (`source` rebuilds it in each worker). */
export async function checkWithWorkers<S, A>(
  model: Model<S, A>,
  source: ModelSource | undefined,
  options: Partial<CheckOptions> & WorkerOptions = {},
): Promise<Outcome<S, A>> {
  const workers = options.workers ?? 1;
  const resolved = resolveOptions(options);
  const { checkpoints, resumeFrom } = options;
  const saved = checkpoints !== undefined || resumeFrom !== undefined;
  if (saved && (resolved.exact === true || searchFormOf(model).kind !== 'packed'))
    throw new Error('checkpoints need a model with a packed form, searched with fingerprints');
  if (planSearch(model as Model<unknown, unknown>, source, resolved, workers).threads === 'one')
    return saved ? searchOneThread(model, resolved, options, Infinity) : check(model, resolved);
  const first = options.sequentialFirst ?? 0;
  const start =
    first > 0 && (resumeFrom?.level.distinct ?? 0) < first
      ? searchFirst(model, resolved, first, options)
      : { spent: 0, ...(resumeFrom ? { handed: handedOf(resumeFrom) } : {}) };
  if ('outcome' in start) return start.outcome;
  try {
    const explorer = new ParallelExplorer(model, source!, resolved, workers, start.spent, checkpoints);
    const running = explorer.run(start.handed);
    delete start.handed; // taken over by the explorer: not to be kept for the whole search
    return await running;
  } catch (e) {
    // A worker that failed, or initial states that break the contract (checked on this thread).
    if (!(e instanceof WorkerFailure) && !(e instanceof ModelContractError)) throw e;
    const stats = makeStats({ generated: 0, distinct: 0, depth: 0, queue: 0, elapsedMs: 0, storeBytes: 0 });
    return modelErrorOutcome<S, A>(e, stats, undefined, undefined);
  }
}

/**
 * The first search on this thread: its outcome when it ends sooner than `first` states, else what
 * the workers start from: the level it handed over (a model with a packed form), or nothing, and
 * they search again from the start. A function of its own, so the one-thread search's frontier is
 * not kept while the workers search.
 */
function searchFirst<S, A>(
  model: Model<S, A>,
  options: CheckOptions,
  first: number,
  saved: Pick<WorkerOptions, 'checkpoints' | 'resumeFrom'>,
): { outcome: Outcome<S, A> } | { spent: number; handed?: HandedSearch } {
  const form = searchFormOf(model, options.symmetry);
  if (form.kind !== 'packed') {
    // Its statement counts are the run's only if its outcome is: the workers start again from the beginning.
    const counted = options.coverage === undefined ? undefined : new CoverageTally();
    const maxStates = Math.min(first, options.maxStates);
    const bounded = check(model, { ...options, maxStates, ...(counted ? { coverage: counted } : {}) });
    if (!(bounded.kind === 'incomplete' && bounded.reason === 'maxStates' && first < options.maxStates)) {
      if (counted) options.coverage?.add(counted.executed());
      return { outcome: bounded };
    }
    return { spent: bounded.stats.elapsedMs };
  }
  const { seen, links } = saved.resumeFrom
    ? resumeStores(saved.resumeFrom)
    : { seen: new FingerprintSet(), links: new TraceStore() };
  const stores = { seen, links, ...(saved.checkpoints ? { checkpoints: saved.checkpoints } : {}) };
  const result = new Explorer(model, options, stores, form).runTo(first, saved.resumeFrom?.level);
  if (!isHandoff(result)) return { outcome: result };
  return { spent: result.elapsedMs, handed: { level: result, fingerprints: seen.slots, links } };
}

/** A search on this thread alone that saves its run state, or goes on from a saved one. */
function searchOneThread<S, A>(
  model: Model<S, A>,
  options: CheckOptions,
  saved: Pick<WorkerOptions, 'checkpoints' | 'resumeFrom'>,
  first: number,
): Outcome<S, A> {
  const result = searchFirst(model, options, first, saved);
  if (!('outcome' in result)) throw new Error('a search without a hand-over bound handed its level over');
  return result.outcome;
}

// A saved run state as the parallel search takes over a one-thread search's (with its time not counted: this is a new run's clock).
function handedOf(state: LoadedRunState): HandedSearch {
  return { level: state.level, fingerprints: state.fingerprints, links: state.links };
}
