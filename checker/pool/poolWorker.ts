/** The entry of a check pool's worker thread: runs each job it is sent (a check or a batch of walks) and answers with its summary. */
import { parentPort, workerData } from 'node:worker_threads';
import type { JobMessage, PoolWorkerData, SummaryMessage } from './poolMessages.js';
import { stopReasonOf } from './poolMessages.js';
import { runPoolJob } from './runPoolJob.js';

const port = parentPort;
if (!port) throw new Error('poolWorker must run in a worker thread');
const { stop } = workerData as PoolWorkerData;

port.on('message', async ({ id, job }: JobMessage) => {
  const summary = await runPoolJob(job, () => stopReasonOf(stop));
  port.postMessage({ id, summary } satisfies SummaryMessage);
});
