// Types for the worker-threads-pool package, which ships none.
declare module 'worker-threads-pool' {
  import type { Worker, WorkerOptions } from 'node:worker_threads';
  interface PoolOptions {
    max?: number;
    maxWaiting?: number;
  }
  class Pool {
    constructor(options?: PoolOptions);
    readonly size: number;
    acquire(filename: string, options: WorkerOptions, callback: (error: Error | null, worker: Worker) => void): void;
    acquire(filename: string, callback: (error: Error | null, worker: Worker) => void): void;
    destroy(callback?: () => void): void;
  }
  export = Pool;
}
