/**
 * A pool of checking workers: it runs independent jobs — checks, and batches of simulation walks
 * (PoolJob.ts) — `jobs` of them at a time, each on one thread, and resolves each with its summary. It never rejects: a job that throws, or whose worker
 * crashes or exits, ends as a model error of that job alone, and the next job gets a new worker.
 *
 * With one job at a time the jobs run on this thread, one after another: a worker would only add
 * its start (about 0.15 s; 0.4 s and more from TypeScript sources) to the same work. With more, the
 * workers are started as jobs need them and kept for the next job: worker-threads-pool, which
 * starts a new worker for every job and frees its place only when that worker exits, would pay a
 * start per job, several times the time of most history checks.
 *
 * Stopping: `shouldStop` is polled every 100 ms while jobs are out (and before every state of a job
 * on this thread); once it gives a reason, every running job is asked to stop through a shared word
 * (its search ends as incomplete for that reason, with its statistics), every queued job ends
 * incomplete without running, and a worker that has not answered STOP_GRACE_MS later is ended from
 * here. A job with a timeout whose worker has not answered STOP_GRACE_MS past it is ended the same
 * way. `close()` ends every worker; idle workers do not keep the process alive meanwhile.
 */
import type { Worker } from 'node:worker_threads';
import type { SimulationJob } from '../simulate/SimulationJob.js';
import type { BatchSummary } from '../simulate/WalkBatch.js';
import type { CheckJob } from './CheckJob.js';
import { failedJob, stoppedJob, type CheckSummary } from './CheckSummary.js';
import type { JobCutShort, PoolJob, PoolResult } from './PoolJob.js';
import {
  raiseStop,
  stopWord,
  type JobMessage,
  type PoolStopReason,
  type PoolWorkerData,
  type StopCallback,
  type SummaryMessage,
} from './poolMessages.js';
import { runPoolJob } from './runPoolJob.js';
import { startWorker } from './startWorker.js';

/** How long a worker asked to stop (or past its job's timeout) has to answer before it is ended. */
export const STOP_GRACE_MS = 1000;
/** How often `shouldStop` is polled while jobs are out. */
const POLL_MS = 100;

const ENTRY = new URL('./poolWorker.js', import.meta.url);

/** How a pool runs its jobs. */
export interface CheckPoolOptions {
  /** How many jobs run at once: 1 runs them on this thread, more on that many worker threads. */
  readonly jobs: number;
  /** Asked while jobs are out: true or a reason stops them all (SIGINT/SIGTERM, say). */
  readonly shouldStop?: StopCallback;
  /**
   * With more than one place: run jobs on this thread, one after another, until they have taken
   * this long in all, and only then start workers for the rest. Tables of small checks end before
   * a worker would have started and warmed up; long ones soon move to the workers. (The results
   * are the same either way: every job is the same check wherever it runs.)
   */
  readonly inlineFirstMs?: number;
}

interface Queued {
  readonly job: PoolJob;
  readonly resolve: (summary: PoolResult) => void;
}

interface Running {
  readonly id: number;
  readonly resolve: (summary: PoolResult) => void;
  /** When the worker is ended from here if it has not answered. */
  timer: NodeJS.Timeout | undefined;
}

export class CheckPool {
  private readonly stop = stopWord();
  private readonly queue: Queued[] = [];
  /** Every worker started and not yet ended or lost. */
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Running>();
  private nextId = 0;
  private poll: NodeJS.Timeout | undefined;
  private stopped: PoolStopReason | undefined;
  /** Time the jobs run on this thread (`inlineFirstMs`) have taken, and whether one is running. */
  private inlineMs = 0;
  private inlineBusy = false;
  private spawned = 0;

  /** How many workers this pool has started so far (none while jobs run on this thread). */
  get workersStarted(): number {
    return this.spawned;
  }

  constructor(private readonly options: CheckPoolOptions) {
    if (!Number.isInteger(options.jobs) || options.jobs < 1)
      throw new RangeError(`jobs must be a whole number of at least 1, got ${options.jobs}`);
  }

  /** Runs `job` when a place is free; resolves with its summary, never rejects. */
  run(job: CheckJob): Promise<CheckSummary> {
    return this.runAny(job) as Promise<CheckSummary>;
  }

  /** Runs a batch of simulation walks when a place is free; resolves with its summary, never rejects. */
  walk(job: SimulationJob): Promise<BatchSummary | JobCutShort> {
    return this.runAny(job) as Promise<BatchSummary | JobCutShort>;
  }

  private runAny(job: PoolJob): Promise<PoolResult> {
    const reason = this.stopped ?? this.askStop();
    if (reason !== undefined) {
      this.stopAll(reason);
      return Promise.resolve(stoppedJob(reason));
    }
    if (this.options.jobs === 1) return runPoolJob(job, this.options.shouldStop);
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.watch();
      this.next();
    });
  }

  /** Whether jobs still run on this thread (see `inlineFirstMs`): no worker started yet, and time left. */
  private inline(): boolean {
    return this.workers.size === 0 && this.inlineMs < (this.options.inlineFirstMs ?? 0);
  }

  /** Starts the next queued job: on this thread while `inline()`, else on the workers. */
  private next(): void {
    if (!this.inline()) {
      this.dispatch();
      return;
    }
    if (this.inlineBusy || this.queue.length === 0) return;
    const { job, resolve } = this.queue.shift()!;
    this.inlineBusy = true;
    const started = performance.now();
    void runPoolJob(job, this.options.shouldStop).then((result) => {
      this.inlineMs += performance.now() - started;
      this.inlineBusy = false;
      resolve(result);
      this.settle();
    });
  }

  /** Ends every worker; jobs still out end as interrupted. */
  async close(): Promise<void> {
    clearInterval(this.poll);
    this.poll = undefined;
    for (const { resolve } of this.queue.splice(0)) resolve(stoppedJob('interrupted'));
    const workers = [...this.workers];
    for (const worker of workers) this.forget(worker)?.resolve(stoppedJob('interrupted'));
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private askStop(): PoolStopReason | undefined {
    const answer = this.options.shouldStop?.();
    return answer === true ? 'interrupted' : answer || undefined;
  }

  /** Hands queued jobs to idle workers, starting workers up to `jobs`. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.workers.size < this.options.jobs ? this.spawn() : undefined);
      if (worker === undefined) return;
      const { job, resolve } = this.queue.shift()!;
      const id = this.nextId++;
      // A batch of walks has no timeout of its own: its run stops it through shouldStop.
      const timeoutMs = 'options' in job ? job.options.timeoutMs : undefined;
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => this.endWorker(worker, 'timeout'), timeoutMs + STOP_GRACE_MS);
      this.busy.set(worker, { id, resolve, timer });
      worker.ref();
      worker.postMessage({ id, job } satisfies JobMessage);
    }
  }

  private spawn(): Worker {
    const worker = startWorker(ENTRY, { stop: this.stop } satisfies PoolWorkerData);
    this.spawned++;
    this.workers.add(worker);
    worker.on('message', (m: SummaryMessage) => this.finish(worker, m));
    worker.on('error', (e: Error) => this.lose(worker, `crashed: ${e.message}`));
    worker.on('exit', (code: number) => this.lose(worker, `exited (code ${code}) during the check`));
    return worker;
  }

  private finish(worker: Worker, { id, summary }: SummaryMessage): void {
    const running = this.busy.get(worker);
    if (running?.id !== id) return;
    clearTimeout(running.timer);
    this.busy.delete(worker);
    this.idle.push(worker);
    worker.unref();
    running.resolve(summary);
    this.settle();
  }

  /** The worker crashed or exited: its job, if it had one, failed. */
  private lose(worker: Worker, what: string): void {
    if (!this.workers.has(worker)) return;
    this.forget(worker)?.resolve(failedJob(`the worker running this check ${what}`));
    void worker.terminate();
    this.settle();
  }

  /** Ends a worker that did not answer in time; its job ends incomplete for `reason`. */
  private endWorker(worker: Worker, reason: PoolStopReason): void {
    this.forget(worker)?.resolve(stoppedJob(reason));
    void worker.terminate();
    this.settle();
  }

  /** Takes `worker` out of the pool; returns the job it was running, if any. */
  private forget(worker: Worker): Running | undefined {
    this.workers.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    const running = this.busy.get(worker);
    this.busy.delete(worker);
    clearTimeout(running?.timer);
    return running;
  }

  /** After a job ended: the next one, or no more polling when none is out. */
  private settle(): void {
    this.next();
    if (this.queue.length === 0 && this.busy.size === 0 && !this.inlineBusy) {
      clearInterval(this.poll);
      this.poll = undefined;
    }
  }

  private watch(): void {
    if (this.poll !== undefined || this.options.shouldStop === undefined) return;
    this.poll = setInterval(() => {
      const reason = this.askStop();
      if (reason !== undefined) this.stopAll(reason);
    }, POLL_MS);
  }

  /** Stops every job: running ones through the shared word (then from here), queued ones at once. */
  private stopAll(reason: PoolStopReason): void {
    if (this.stopped !== undefined) return;
    this.stopped = reason;
    raiseStop(this.stop, reason);
    for (const { resolve } of this.queue.splice(0)) resolve(stoppedJob(reason));
    for (const [worker, running] of this.busy) {
      clearTimeout(running.timer);
      running.timer = setTimeout(() => this.endWorker(worker, reason), STOP_GRACE_MS);
    }
  }
}
