// Starts a worker from TypeScript sources (tests run without a build): registers the tsx loader,
// then imports the worker module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
