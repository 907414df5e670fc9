/**
 * Every kind of job the check pool runs, and what each ends with: a check (CheckJob, ending with a
 * CheckSummary) or a batch of simulation walks (SimulationJob, ending with a BatchSummary). A job
 * that does not run to its own end — stopped before it ran, or whose worker was lost — ends the way
 * a check does, as an incomplete or model-error summary, whatever its kind.
 */
import type { SimulationJob } from '../simulate/SimulationJob.js';
import type { BatchSummary } from '../simulate/WalkBatch.js';
import type { CheckJob } from './CheckJob.js';
import type { CheckSummary } from './CheckSummary.js';

export type PoolJob = CheckJob | SimulationJob;

/** What the pool answers for a job it stopped before it ran, or whose worker it lost. */
export type JobCutShort = Extract<CheckSummary, { readonly kind: 'incomplete' | 'modelError' }>;

/** What any job can end with. */
export type PoolResult = CheckSummary | BatchSummary;
