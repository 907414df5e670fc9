/**
 * One check as plain data, so that it can be posted to a worker thread: the source of the model
 * (module, export and arguments: a kernel scenario with its overrides and properties, say) and the
 * bounds of the search. What it ends with is a CheckSummary.
 */
import type { ModelSource } from '../../model/ModelSource.js';
import type { CheckOptions } from '../CheckOptions.js';

/** The bounds and switches of a job's search: CheckOptions without its callbacks. */
export type CheckJobOptions = Omit<Partial<CheckOptions>, 'onProgress' | 'shouldStop'>;

/** A check to run: the model to build and the bounds of its search (always on one thread). */
export interface CheckJob {
  readonly source: ModelSource;
  readonly options: CheckJobOptions;
}
