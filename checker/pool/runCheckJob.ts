/** Runs one check job on this thread, whether that is a pool worker or the caller's own. */
import { check } from '../check.js';
import { loadModel } from '../parallel/ModelSource.js';
import type { CheckJob } from './CheckJob.js';
import { failedJob, summarise, type CheckSummary } from './CheckSummary.js';
import type { StopCallback } from './poolMessages.js';

/**
 * Builds the job's model and checks it on this thread. Never throws: a model that cannot be built
 * (or bounds that are not valid) is the job's failure, reported as a model error.
 */
export async function runCheckJob(job: CheckJob, shouldStop?: StopCallback): Promise<CheckSummary> {
  try {
    const model = await loadModel(job.source);
    return summarise(check(model, { ...job.options, ...(shouldStop ? { shouldStop } : {}) }));
  } catch (e) {
    return failedJob(`the check could not run: ${e instanceof Error ? e.message : String(e)}`);
  }
}
