/**
 * The search workers of one run: each builds its own model from a `ModelSource`, then expands the
 * level ranges it is sent. A worker that dies or throws outside the model fails the run with an
 * error naming it: never a hang, never a pass.
 *
 * They are started like the check pool's workers (startWorker.ts) but are not a CheckPool: a pool
 * hands independent checks to whichever worker is free, while these workers each keep state of the
 * one search (their model, their share of the level) and move in lockstep: message i of a level
 * goes to worker i, and the level ends when every worker has answered.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../pool/startWorker.js';
import type { ModelSource } from './ModelSource.js';
import type { FromWorker, LevelMessage, LevelResult } from './messages.js';
import type { GrowMessage, GrownMessage } from './TableGrowth.js';

/** A worker failed outside the model (crashed, was killed, or could not build the model). */
export class WorkerFailure extends Error {
  constructor(
    /** 1-based worker number. */
    readonly worker: number,
    message: string,
  ) {
    super(`worker ${worker} ${message}`);
    this.name = 'WorkerFailure';
  }
}

/** A started set of workers. */
export class SearchWorkers {
  private readonly pending = new Map<number, { resolve: (m: FromWorker) => void; reject: (e: Error) => void }>();
  private failure: WorkerFailure | undefined;

  private constructor(private readonly workers: readonly Worker[]) {
    workers.forEach((w, i) => {
      w.on('message', (m: FromWorker) => this.settle(i, (p) => p.resolve(m)));
      w.on('error', (e: Error) => this.fail(new WorkerFailure(i + 1, `crashed: ${e.message}`)));
      w.on('exit', (code: number) => this.fail(new WorkerFailure(i + 1, `exited (code ${code}) during the search`)));
    });
  }

  /** Starts `count` workers, each building the model of `source`. */
  static async start(
    count: number,
    source: ModelSource,
    control: SharedArrayBuffer,
    maxStates: number,
    symmetry: boolean,
    coverage: boolean,
  ): Promise<SearchWorkers> {
    const entry = new URL('./workerEntry.js', import.meta.url);
    const set = new SearchWorkers(Array.from({ length: count }, () => startWorker(entry)));
    const replies = await set.broadcast(() => ({
      type: 'init' as const,
      source,
      control,
      maxStates,
      symmetry,
      coverage,
    }));
    replies.forEach((r, i) => {
      if (r.type === 'initError') throw new WorkerFailure(i + 1, `could not build the model: ${r.message}`);
    });
    return set;
  }

  /** Runs one level: message i goes to worker i. */
  async level(messages: readonly LevelMessage[]): Promise<LevelResult[]> {
    const replies = await this.broadcast((i) => messages[i]!);
    return replies.map((r, i) => {
      if (r.type !== 'level') throw new WorkerFailure(i + 1, `sent ${r.type} during a level`);
      return r;
    });
  }

  /** Has every worker copy regions of a growing table until none is left; returns what they left. */
  async grow(message: GrowMessage): Promise<GrownMessage[]> {
    const replies = await this.broadcast(() => message);
    return replies.map((r, i) => {
      if (r.type !== 'grown') throw new WorkerFailure(i + 1, `sent ${r.type} while the table grew`);
      return r;
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    for (const w of this.workers) w.removeAllListeners('exit');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private broadcast(message: (i: number) => unknown): Promise<FromWorker[]> {
    if (this.failure) return Promise.reject(this.failure);
    return Promise.all(
      this.workers.map(
        (w, i) =>
          new Promise<FromWorker>((resolve, reject) => {
            this.pending.set(i, { resolve, reject });
            w.postMessage(message(i));
          }),
      ),
    );
  }

  private settle(i: number, f: (p: { resolve: (m: FromWorker) => void; reject: (e: Error) => void }) => void): void {
    const p = this.pending.get(i);
    if (!p) return;
    this.pending.delete(i);
    f(p);
  }

  private fail(failure: WorkerFailure): void {
    this.failure ??= failure;
    for (const i of [...this.pending.keys()]) this.settle(i, (p) => p.reject(failure));
  }
}
