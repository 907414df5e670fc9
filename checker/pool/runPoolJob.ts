/** Runs one job of the pool on this thread, by its kind: a check, or a batch of simulation walks. */
import { isSimulationJob } from '../simulate/SimulationJob.js';
import { runSimulationJob } from '../simulate/runSimulationJob.js';
import type { PoolJob, PoolResult } from './PoolJob.js';
import type { StopCallback } from './poolMessages.js';
import { runCheckJob } from './runCheckJob.js';

/** Runs `job`; never throws (each kind reports its own failures in its result). */
export function runPoolJob(job: PoolJob, shouldStop?: StopCallback): Promise<PoolResult> {
  return isSimulationJob(job) ? runSimulationJob(job, shouldStop) : runCheckJob(job, shouldStop);
}
