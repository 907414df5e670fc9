/** Runs one simulation job on this thread, whether that is a pool worker or the caller's own. */
import type { Model } from '../../model/Model.js';
import { loadModel } from '../parallel/ModelSource.js';
import { runWalks, type WalkStop } from './runWalks.js';
import type { SimulationJob } from './SimulationJob.js';
import type { BatchSummary } from './WalkBatch.js';

// The model last built on this thread, with the source it was built from: a run sends many batches
// of one model, and building it (a kernel scenario's procedures and drivers) is not free.
let last: { readonly key: string; readonly model: Promise<Model<unknown, unknown>> } | undefined;

function modelOf(job: SimulationJob): Promise<Model<unknown, unknown>> {
  const key = JSON.stringify(job.source);
  if (last?.key !== key) last = { key, model: loadModel(job.source) };
  return last.model;
}

/** Builds (or reuses) the job's model and runs its walks. Never throws: a model that cannot be built is the batch's failure. */
export async function runSimulationJob(job: SimulationJob, shouldStop?: WalkStop): Promise<BatchSummary> {
  let model: Model<unknown, unknown>;
  try {
    model = await modelOf(job);
  } catch (e) {
    last = undefined;
    const failure = `the model could not be built: ${e instanceof Error ? e.message : String(e)}`;
    return { kind: 'walks', walks: 0, steps: 0, deepest: 0, fingerprints: new Uint32Array(0), failure };
  }
  return runWalks(model, job.batch, shouldStop);
}
