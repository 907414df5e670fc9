/**
 * A batch of walks as a job of the check pool: the source of the model (as a check job has it) and
 * the batch. It ends with a BatchSummary.
 */
import type { ModelSource } from '../../model/ModelSource.js';
import type { WalkBatch } from './WalkBatch.js';

/** Walks to run on the model that `source` builds. */
export interface SimulationJob {
  readonly kind: 'simulate';
  readonly source: ModelSource;
  readonly batch: WalkBatch;
}

/** True for a simulation job among the pool's jobs (a check job has no `kind`). */
export function isSimulationJob(job: object): job is SimulationJob {
  return 'kind' in job && job.kind === 'simulate';
}
